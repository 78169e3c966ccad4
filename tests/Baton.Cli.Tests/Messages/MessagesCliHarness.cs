using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Messages;

/// <summary><see cref="CliHarness"/> for the message commands: runs the real command tree in process, acting as
/// <see cref="CurrentSessionId"/> (or <c>human</c>).</summary>
internal sealed class MessagesCliHarness : IDisposable
{
    private readonly CliHarness _cli = new();

    public string? CurrentSessionId { get; set; }

    public HashSet<string> GoneSessions => _cli.GoneSessions;

    public Core.Home.BatonHome Home => _cli.Home;

    /// <summary>Records a running session in a folder named after its project, with a name.</summary>
    public Session Session(string sessionId, string name, string project = "shop")
    {
        _cli.Record(sessionId, HookEvents.SessionStart, cwd: "/src/" + project);
        using var store = SqliteStore.Open(Home.DatabasePath);
        return new SessionRegistry(store, new Liveness(GoneSessions), TimeProvider.System).Rename(sessionId, name, SessionRegistry.HumanActor);
    }

    /// <summary>Records that a session ended (SessionEnd).</summary>
    public void End(string sessionId) => _cli.Record(sessionId, HookEvents.SessionEnd, reason: "prompt_input_exit");

    public CliResult Run(params string[] args)
    {
        _cli.CurrentSessionId = CurrentSessionId;
        return _cli.Run(args);
    }

    public void Dispose() => _cli.Dispose();

    private sealed class Liveness(HashSet<string> gone) : ISessionLiveness
    {
        public bool IsGone(Session session) => gone.Contains(session.SessionId);
    }
}
