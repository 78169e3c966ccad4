using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts.Sessions;
using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Sessions;

/// <summary><c>baton ls</c> (alias <c>live</c>): the live sessions, one row each.</summary>
internal static class LsCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Also list ended sessions and those whose claude process is gone" };
        var json = CommonOptions.Json();
        var command = new Command(
            "ls",
            "List live Claude Code sessions: id, name, project, branch (* = uncommitted changes), status, age, idle time, task. " +
            "Waits marked as seen (baton ack) come last. --json adds to each session \"unread\": how many messages to it are unread")
        {
            all, json,
        };
        command.Aliases.Add("live");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            if (parse.GetValue(json))
            {
                var unread = context.Store.CountUnread();
                context.WriteSessions(InOrder(context.Registry.Read(parse.GetValue(all)))
                    .Select(s => SessionJson.From(s) with { Unread = unread.GetValueOrDefault(s.SessionId) }));
                return ExitCodes.Ok;
            }

            var sessions = InOrder(context.Registry.List(parse.GetValue(all))).ToList();
            if (sessions.Count == 0)
            {
                context.Output.WriteLine(parse.GetValue(all)
                    ? "No sessions recorded yet. Sessions appear once Baton's hooks are installed: baton hooks install"
                    : "No live sessions (baton ls --all shows ended ones).");
            }
            else
            {
                context.Console.Write(SessionTable.Build(sessions, environment.Time.GetUtcNow()));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The listing's order: oldest start first, except that waits a person marked as seen (<c>baton ack</c>) go
    /// below all the others (the order among them kept), and teammates of an agent team follow their lead.</summary>
    private static IEnumerable<Session> InOrder(IEnumerable<Session> sessions) =>
        TeamOrder.UnderLeads(sessions.OrderBy(s => s.WaitsSeen), s => s).Select(p => p.Item);
}
