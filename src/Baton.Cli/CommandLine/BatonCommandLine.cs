using System.CommandLine;
using Baton.Cli.Config;
using Baton.Cli.Coordination;
using Baton.Cli.Doctor;
using Baton.Cli.Hooks;
using Baton.Cli.Journal;
using Baton.Cli.Leases;
using Baton.Cli.Mcp;
using Baton.Cli.Messages;
using Baton.Cli.Notifications;
using Baton.Cli.Serve;
using Baton.Cli.Sessions;
using Baton.Cli.Store;
using Baton.Cli.Watch;
using Baton.Core;

namespace Baton.Cli.CommandLine;

/// <summary>The <c>baton</c> command tree (System.CommandLine) and how a run maps parse errors to exit codes.</summary>
internal static class BatonCommandLine
{
    /// <summary>Builds the root command.</summary>
    /// <param name="environment">The environment commands run in.</param>
    /// <param name="claudeArguments">For <c>baton new</c>: the arguments after <c>--</c>, passed to claude.</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(CliEnvironment environment, IReadOnlyList<string> claudeArguments)
    {
        var root = new RootCommand(
            "Baton: see, supervise and coordinate many Claude Code sessions. Sessions register themselves through Claude Code hooks " +
            "(baton hooks install); baton ls lists them with live status. Store: $BATON_HOME/baton.db (default ~/.baton).");
        root.Subcommands.Add(LsCommand.Create(environment));
        root.Subcommands.Add(NewCommand.Create(environment, claudeArguments));
        root.Subcommands.Add(AttachCommand.Create(environment));
        root.Subcommands.Add(KillCommand.Create(environment));
        root.Subcommands.Add(RenameCommand.Create(environment));
        root.Subcommands.Add(AckCommand.Create(environment));
        root.Subcommands.Add(RestoreCommand.Create(environment));
        root.Subcommands.Add(ConfigCommand.Create(environment));
        root.Subcommands.Add(WatchCommand.Create(environment, context => new DashboardActions(context), WatchNotifications.For(environment)));
        root.Subcommands.Add(CurrentCommand.Create(environment));
        root.Subcommands.Add(TaskCommand.Create(environment));
        root.Subcommands.Add(ConflictsCommand.Create(environment));
        root.Subcommands.Add(HistoryCommand.Create(environment));
        root.Subcommands.Add(PruneCommand.Create(environment));
        root.Subcommands.Add(HooksCommand.Create(environment));
        root.Subcommands.Add(StateCommand.Create(environment));
        root.Subcommands.Add(LockCommand.Create(environment));
        root.Subcommands.Add(QueueCommand.Create(environment));
        root.Subcommands.Add(Tasks.TasksCommand.Create(environment));
        root.Subcommands.Add(ProgressCommand.Create(environment));
        root.Subcommands.Add(EventsCommand.Create(environment));
        root.Subcommands.Add(GcCommand.Create(environment));
        root.Subcommands.Add(LeasesCommand.Create(environment));
        root.Subcommands.Add(SendCommand.Create(environment));
        root.Subcommands.Add(BroadcastCommand.Create(environment));
        root.Subcommands.Add(InboxCommand.Create(environment));
        root.Subcommands.Add(ReplyCommand.Create(environment));
        root.Subcommands.Add(ThreadCommand.Create(environment));
        root.Subcommands.Add(McpCommand.Create(environment));
        root.Subcommands.Add(NotifyCommand.Create(environment));
        root.Subcommands.Add(ServeCommand.Create(environment));
        root.Subcommands.Add(DoctorCommand.Create(environment));
        root.Subcommands.Add(StoreCommand.Create(environment));
        root.SetAction(parse => new System.CommandLine.Help.HelpAction().Invoke(parse));
        return root;
    }

    /// <summary>Parses and runs a command line (<c>help</c> and <c>version</c> as first word mean <c>--help</c> and
    /// <c>--version</c>). A parse error is one line on stderr and exit <see cref="ExitCodes.UserError"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">The environment.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliEnvironment environment, TextWriter output, TextWriter error)
    {
        // `baton help [COMMAND...]` and `baton version` work as `--help` and `--version` do.
        args = args switch
        {
            ["help", .. var command] => [.. command, "--help"],
            ["version"] => ["--version"],
            _ => args,
        };

        // `baton new ... -- ARGS`: everything after `--` belongs to claude, not to Baton's parser.
        var split = args is ["new", ..] ? Array.IndexOf(args, "--") : -1;
        var parse = split < 0
            ? Create(environment, []).Parse(args)
            : Create(environment, args[(split + 1)..]).Parse(args[..split]);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Errors.Count > 0)
        {
            var path = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                path.Insert(0, result.Command is RootCommand ? "baton" : result.Command.Name);
            }

            var command = string.Join(' ', path);
            error.WriteLine($"baton: {ParseErrorText.Describe(parse.Errors[0])} (see '{command} --help')");
            return ExitCodes.UserError;
        }

        return parse.Invoke(configuration);
    }
}
