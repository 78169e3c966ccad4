using Baton.ClaudeCode.Registry;
using Baton.Cli.Hooks;
using Baton.Core.Home;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;

namespace Baton.Cli.Serve;

/// <summary>
/// Wakes sessions at rest at their prompt that no wake hook waits for, through Claude Code's own messaging socket
/// (<see cref="NativeMessagingSocket"/>): a turn a person interrupted (Escape) ends without a Stop hook, and a wake hook's
/// lifetime (<see cref="Baton.ClaudeCode.Settings.BatonHooks.WakeLifetime"/>) runs out, so without this a message sent to
/// such a session would wait until a person typed there. Runs in the resident server after each store change: for every
/// session claude's registry shows idle with a socket (<see cref="NativeRegistryFollower.AtRest"/>), whose claude still
/// runs, that no wake call waits for in this server, and that Baton's store shows idle at its prompt
/// (<see cref="IdlePrompt.MainAgentIdle"/>), it hands over what waits (<see cref="WakeHook.HandOverWaiting"/>) as one user
/// message on the socket; claude then takes a new turn with it. The messages are confirmed only once written, and are
/// taken atomically, so a wake hook armed meanwhile never delivers them twice.
/// </summary>
internal sealed class IdleSessionWaker
{
    private const string Area = "serve socket-wake";

    private readonly StorePool _pool;
    private readonly NativeRegistryFollower _registry;
    private readonly Func<string, bool> _wakeArmed;
    private readonly BatonLog _log;

    /// <summary>Creates the waker.</summary>
    /// <param name="pool">The server's stores.</param>
    /// <param name="registry">The server's follower of claude's registry.</param>
    /// <param name="wakeArmed">Whether a wake call for a session id waits in this server now.</param>
    /// <param name="log">Baton's log.</param>
    public IdleSessionWaker(StorePool pool, NativeRegistryFollower registry, Func<string, bool> wakeArmed, BatonLog log)
    {
        _pool = pool;
        _registry = registry;
        _wakeArmed = wakeArmed;
        _log = log;
    }

    /// <summary>Wakes each idle session no wake call waits for that has messages or task notices waiting. Failures are
    /// logged, never thrown.</summary>
    public void WakeWhereWaiting()
    {
        var candidates = _registry.AtRest().Where(e => !_wakeArmed(e.SessionId)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var store = _pool.Rent();
        var healthy = false;
        try
        {
            var messenger = new Messenger(store, new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System), TimeProvider.System);
            foreach (var entry in candidates)
            {
                if (store.GetSession(entry.SessionId) is not { IsEnded: false } session
                    || !IdlePrompt.MainAgentIdle(session)
                    || NativeRegistryFollower.RunningProcess(entry) is null)
                {
                    continue;
                }

                string? failure = null;
                WakeHook.HandOverWaiting(store, messenger, entry.SessionId, "socket", text => (failure = NativeMessagingSocket.Send(entry.MessagingSocketPath!, entry.SessionId, text)) is null, _log, Area);
                if (failure is not null)
                {
                    _log.Write(Area, $"cannot wake {SessionRegistry.ShortId(entry.SessionId)} through {entry.MessagingSocketPath} ({failure}); its messages wait");
                }
            }

            healthy = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Write(Area, $"waking idle sessions: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }
}
