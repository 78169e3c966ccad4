using Baton.Cli.CommandLine;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Storage;
using Baton.Testing;

namespace Baton.Cli.Tests;

/// <summary>Runs the real command tree in process against a sandboxed store, with a liveness the test controls.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();

    public CliHarness()
    {
        WorkingDirectory = _sandbox.CreateDirectory("work");
    }

    public HashSet<string> GoneSessions { get; } = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; set; }

    public string? CurrentSessionId { get; set; }

    public BatonHome Home => new(Path.Combine(_sandbox.BatonHome, "home"));

    public string UserHome => _sandbox.Home;

    public CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(Home, WorkingDirectory, UserHome, CurrentSessionId, TimeProvider.System, new FakeLiveness(GoneSessions));
        var exitCode = BatonCommandLine.Run(args, environment, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Records hook observations directly through the registry, as <c>baton hook</c> would.</summary>
    public Session Record(string sessionId, string eventName, string? cwd = null, GitFacts? git = null, string? reason = null) =>
        Record(new HookObservation
        {
            SessionId = sessionId,
            EventName = eventName,
            Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), eventName),
            Cwd = cwd ?? WorkingDirectory,
            Git = git,
            Reason = reason,
            At = DateTimeOffset.UtcNow,
        });

    /// <summary>Records one hook observation as given (its process, tmux pane…) through the registry.</summary>
    public Session Record(HookObservation observation)
    {
        using var store = StoreSelection.For(Home, TimeProvider.System).Open();
        return new SessionRegistry(store, new FakeLiveness(GoneSessions), TimeProvider.System).Record(observation);
    }

    public void Dispose() => _sandbox.Dispose();

    private sealed class FakeLiveness(HashSet<string> gone) : ISessionLiveness
    {
        public bool IsGone(Session session) => gone.Contains(session.SessionId);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
