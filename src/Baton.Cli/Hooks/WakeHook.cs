using System.Runtime.InteropServices;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Core.Messages;
using Baton.Core.Relay;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Platform.Processes;
using Baton.Storage;

namespace Baton.Cli.Hooks;

/// <summary>
/// <c>baton hook Stop --wake</c> (and <c>baton hook SessionStart --wake</c>): the <c>asyncRewake</c> hook that wakes a session
/// idle at its prompt when a message or a task notice (<see cref="TaskNotices"/>) reaches it. Claude Code starts it in the
/// background at every Stop, and at every StopFailure and
/// SessionStart so that a session at rest after a failed turn, or since it started or resumed (it never had a Stop), can be
/// woken too; it waits on
/// the store (a notice of each committed write, <see cref="IStoreFactory.WatchChanges"/>, with a look every <see cref="StoreFollower.DefaultFallback"/> in case a notice is missed,
/// so no busy loop) and, once the session waits for input and has an undelivered message, takes its messages, writes them
/// to stderr (<see cref="MessageDeliveryText"/>), confirms them delivered and exits 2: Claude Code then starts a new turn
/// whose request carries that text ("Stop hook feedback", see docs/claude-code.md). It wakes at most once, and it
/// ends quietly (exit 0, no output) when:
/// <list type="bullet">
/// <item>the session moved on: a later turn began (its own hooks deliver messages then; so a wake never lands in a
/// permission prompt) or ended (the later Stop armed a newer wake hook). Subagents that go on working after the main
/// agent stopped do not count: the main agent is idle then, and a message wakes it;</item>
/// <item>the session ended, or its claude process is gone;</item>
/// <item><see cref="BatonHooks.WakeLifetime"/> passed (<c>BATON_WAKE_LIFETIME_SECONDS</c> may shorten it);</item>
/// <item>claude runs in print mode (<c>CLAUDE_CODE_ENTRYPOINT=sdk-…</c> or <c>-p</c>/<c>--print</c>): there nobody waits
/// at a prompt, and print mode waits for background Stop hooks before it exits (seen with claude 2.1.197);</item>
/// <item>it gets SIGTERM, SIGHUP or SIGINT (claude exiting), or Baton fails (logged to Baton's log).</item>
/// </list>
/// </summary>
internal static class WakeHook
{
    /// <summary>The exit code with which an <c>asyncRewake</c> hook makes Claude Code take a new turn with its stderr.</summary>
    public const int WakeExitCode = 2;

    /// <summary>The hook, as Baton's log names it: <c>hook Stop --wake</c> or <c>hook SessionStart --wake</c>.</summary>
    private static string Area(RelayRequest call) => $"hook {call.EventName} --wake";

    /// <summary>Runs the wake hook in this process: waits on the store with a file-system watch of its own.</summary>
    /// <param name="call">This hook process's call (<see cref="HookEntryPoint"/>).</param>
    /// <param name="stdin">The Stop hook's input JSON.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <returns><see cref="WakeExitCode"/> after handing over messages; else 0.</returns>
    public static int Run(RelayRequest call, Stream stdin, BatonHome home, BatonLog log)
    {
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Cancel(signal, stop));
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal => Cancel(signal, stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Cancel(signal, stop));
        try
        {
            var input = HookEntryPoint.ReadInput(stdin);
            var stores = StoreSelection.For(home, TimeProvider.System);
            using var store = stores.Open();
            using var changes = StoreFollower.Open(stores, TimeProvider.System, out var unwatched);
            if (unwatched is not null)
            {
                log.Write(Area(call), $"cannot watch the store ({unwatched}); looking every {changes.Fallback.TotalSeconds:0} s instead");
            }

            RecordMissedStop(call, input, store, home);
            return WaitAsync(call, input, store, changes.WaitAsync, text => HookEntryPoint.Print(Console.OpenStandardError(), text, log, Area(call)), log, stop.Token)
                .GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Write(Area(call), $"{e.GetType().Name}: {e.Message}");
            return 0;
        }
    }

    /// <summary>
    /// Records the turn's Stop when the store has nothing of it (for the wake hook armed at Stop; one armed at SessionStart
    /// has its SessionStart hook beside it): the Stop hook is an HTTP hook to the resident server, so
    /// when this wake hook runs in a process of its own (the server is down, or no relay is installed) the Stop may not have
    /// been recorded, and without it the session would show running at its prompt and never be woken. Nothing is done
    /// when the session already has this Stop or a later event.
    /// </summary>
    private static void RecordMissedStop(RelayRequest call, ReadOnlyMemory<byte> input, IBatonStore store, BatonHome home)
    {
        if (call.EventName == HookEvents.Stop
            && HookInput.Parse(input).SessionId is { } sessionId
            && store.GetSession(sessionId) is { IsEnded: false } session
            && session.EventOrder < HookEventOrder.Compose(call.HookStart, HookEvents.Stop)
            && session.LastEvent != HookEvents.Stop)
        {
            HookHandler.Handle(call with { Option = null }, input, store, home, _ => true, gitAfterAnswer: false);
        }
    }

    private static void Cancel(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }

    /// <summary>Waits until the session, idle at its prompt, has a message, then hands it over; the heart of the wake hook,
    /// wherever it runs (this process, or the resident server for a call <c>baton-relay</c> forwarded).</summary>
    /// <param name="call">The hook call: its start, claude's pid and the forwarded variables.</param>
    /// <param name="inputBytes">The Stop hook's input JSON.</param>
    /// <param name="store">An open store, used by this wait alone.</param>
    /// <param name="waitForChange">Waits at most the given time for a notice of a store change.</param>
    /// <param name="handOver">Writes the messages' text to the hook's stderr; false when it could not (nothing is then confirmed).</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="stop">Ends the wait (exit 0).</param>
    /// <returns><see cref="WakeExitCode"/> after handing over messages; else 0.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled.</exception>
    public static async Task<int> WaitAsync(
        RelayRequest call,
        ReadOnlyMemory<byte> inputBytes,
        IBatonStore store,
        Func<TimeSpan, CancellationToken, Task> waitForChange,
        Func<string, bool> handOver,
        BatonLog log,
        CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(waitForChange);
        var input = HookInput.Parse(inputBytes);
        if (input.SessionId is not { } sessionId
            || !(call.ParentPid is { } parent && ClaudeProcess.Above(parent) is { } claude)
            || IsPrintMode(call, claude.Pid))
        {
            return 0;
        }

        var armedAt = HookEventOrder.Compose(call.HookStart, input.EventName ?? HookEvents.Stop);
        long? idleAt = null;
        var lifetime = Lifetime(call);
        var clock = TimeProvider.System.GetTimestamp();
        var messenger = new Messenger(store, new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System), TimeProvider.System);
        while (TimeProvider.System.GetElapsedTime(clock) < lifetime && ProcessTable.IsRunning(claude))
        {
            var session = store.GetSession(sessionId);
            if (input.EventName == HookEvents.SessionStart && (session is null || (session.IsEnded && session.EventOrder < armedAt)))
            {
                // Armed at SessionStart, it may look before the SessionStart hook beside it has recorded the session, or (a
                // resumed conversation) reopened its earlier run, which ended before this hook started.
                await waitForChange(StoreFollower.DefaultFallback, stop).ConfigureAwait(false);
                stop.ThrowIfCancellationRequested();
                continue;
            }

            if (session is null || session.IsEnded || IdlePrompt.MovedOn(session, armedAt, idleAt))
            {
                return 0;
            }

            if (idleAt is null && session.Status == SessionStatus.WaitingInput)
            {
                idleAt = session.EventOrder;
            }

            if (IdlePrompt.MainAgentIdle(session) && HandOverWaiting(store, messenger, sessionId, "wake", handOver, log, Area(call)))
            {
                return WakeExitCode;
            }

            await waitForChange(StoreFollower.DefaultFallback, stop).ConfigureAwait(false);
            stop.ThrowIfCancellationRequested();
        }

        return 0;
    }

    /// <summary>
    /// Hands a session idle at its prompt what waits for it: its task notices (<see cref="TaskNotices"/>) and its undelivered
    /// messages (<see cref="MessageDeliveryText"/>), as one text; the messages are confirmed delivered only when
    /// <paramref name="handOver"/> says the text reached the agent. Logs whom it woke with what. Finding nothing writes nothing
    /// (but a session's first look at its task lists, which sets its cursor).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="messenger">The messenger over <paramref name="store"/>.</param>
    /// <param name="sessionId">The session's full id.</param>
    /// <param name="taker">Who takes the messages, for their claim's token (<c>wake</c>, <c>socket</c>).</param>
    /// <param name="handOver">Gives the text to the agent; returns whether that worked.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">The log's area.</param>
    /// <returns>True when something was handed over.</returns>
    /// <exception cref="StoreException">The store cannot be read or written.</exception>
    public static bool HandOverWaiting(IBatonStore store, Messenger messenger, string sessionId, string taker, Func<string, bool> handOver, BatonLog log, string area)
    {
        ArgumentNullException.ThrowIfNull(log);
        var notices = new TaskNotices(store).Take(sessionId);
        if (MessageDeliveryText.Deliver(messenger, sessionId, taker, store, text => handOver(HookHandler.JoinTexts(notices, text)!)) is { Count: > 0 } woken)
        {
            log.Write(area, $"woke {SessionRegistry.ShortId(sessionId)} with message(s) {string.Join(", ", woken.Select(m => m.Id))}");
            return true;
        }

        if (notices is not null && handOver(notices))
        {
            log.Write(area, $"woke {SessionRegistry.ShortId(sessionId)} with task notices");
            return true;
        }

        return false;
    }

    /// <summary>Print mode: the SDK entry point, or <c>-p</c>/<c>--print</c> on claude's command line.</summary>
    private static bool IsPrintMode(RelayRequest call, int claudePid) =>
        call.Variable("CLAUDE_CODE_ENTRYPOINT") is { } entry && entry.StartsWith("sdk", StringComparison.Ordinal)
        || ProcessTable.Arguments(claudePid) is { } arguments && arguments.Skip(1).Any(a => a is "-p" or "--print");

    private static TimeSpan Lifetime(RelayRequest call) =>
        int.TryParse(call.Variable("BATON_WAKE_LIFETIME_SECONDS"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, BatonHooks.WakeLifetime.TotalSeconds))
            : BatonHooks.WakeLifetime;
}
