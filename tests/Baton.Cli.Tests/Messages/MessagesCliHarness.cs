using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Messages;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Tests.Messages;

/// <summary>
/// <see cref="CliHarness"/> for the message commands: runs the real command tree in process, acting as
/// <see cref="CurrentSessionId"/> (or <c>human</c>). Until the commands are registered in <see cref="BatonCommandLine"/>
/// it adds them to the root itself, with the same parse-error handling.
/// </summary>
internal sealed class MessagesCliHarness : IDisposable
{
    private static readonly string[] Commands = ["send", "broadcast", "inbox", "reply"];

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
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, CurrentSessionId, TimeProvider.System, new Liveness(GoneSessions));
        var root = BatonCommandLine.Create(environment, []);
        if (Commands.All(name => root.Subcommands.Any(c => c.Name == name)))
        {
            return _cli.Run(args);
        }

        root.Subcommands.Add(SendCommand.Create(environment));
        root.Subcommands.Add(BroadcastCommand.Create(environment));
        root.Subcommands.Add(InboxCommand.Create(environment));
        root.Subcommands.Add(ReplyCommand.Create(environment));
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
