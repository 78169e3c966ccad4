using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Coordination;

/// <summary>
/// <see cref="CliHarness"/> for the coordination commands: runs the real command tree in process, acting as
/// <see cref="CurrentSessionId"/> (or <c>human</c>). Until the commands are registered in <see cref="BatonCommandLine"/>
/// it adds them to the root itself, with the same parse-error handling.
/// </summary>
internal sealed class CoordinationCliHarness : IDisposable
{
    private static readonly string[] Commands = ["state", "lock", "queue", "progress", "events"];

    private readonly CliHarness _cli = new();

    public string? CurrentSessionId { get; set; }

    public HashSet<string> GoneSessions => _cli.GoneSessions;

    public Session Record(string sessionId, string eventName = HookEvents.SessionStart) => _cli.Record(sessionId, eventName);

    public CliResult Run(params string[] args)
    {
        _cli.CurrentSessionId = CurrentSessionId;
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, CurrentSessionId, TimeProvider.System, new Liveness(GoneSessions));
        var root = BatonCommandLine.Create(environment, []);
        if (Commands.All(name => root.Subcommands.Any(c => c.Name == name)))
        {
            return _cli.Run(args);
        }

        root.Subcommands.Add(StateCommand.Create(environment));
        root.Subcommands.Add(LockCommand.Create(environment));
        root.Subcommands.Add(QueueCommand.Create(environment));
        root.Subcommands.Add(ProgressCommand.Create(environment));
        root.Subcommands.Add(EventsCommand.Create(environment));
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"baton: {parse.Errors[0].Message} (see 'baton {parse.CommandResult.Command.Name} --help')");
            return new CliResult(ExitCodes.UserError, output.ToString(), error.ToString());
        }

        var exitCode = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _cli.Dispose();

    private sealed class Liveness(HashSet<string> gone) : ISessionLiveness
    {
        public bool IsGone(Session session) => gone.Contains(session.SessionId);
    }
}
