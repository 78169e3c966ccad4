using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Coordination;

/// <summary><see cref="CliHarness"/> for the coordination commands: runs the real command tree in process, acting as
/// <see cref="CurrentSessionId"/> (or <c>human</c>).</summary>
internal sealed class CoordinationCliHarness : IDisposable
{
    private readonly CliHarness _cli = new();

    public string? CurrentSessionId { get; set; }

    public HashSet<string> GoneSessions => _cli.GoneSessions;

    public Session Record(string sessionId, string eventName = HookEvents.SessionStart) => _cli.Record(sessionId, eventName);

    public CliResult Run(params string[] args)
    {
        _cli.CurrentSessionId = CurrentSessionId;
        return _cli.Run(args);
    }

    public void Dispose() => _cli.Dispose();
}
