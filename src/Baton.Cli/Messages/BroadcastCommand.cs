using System.CommandLine;
using Baton.Cli.CommandLine;

namespace Baton.Cli.Messages;

/// <summary><c>baton broadcast MESSAGE [--project NAME]</c>: one message to every live session but the sender; the CLI twin of
/// the MCP tool <c>broadcast</c>.</summary>
internal static class BroadcastCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var message = new Argument<string>("message") { Description = "The message: plain text, at most 64 KiB; - reads it from standard input" };
        var project = new Option<string?>("--project") { Description = "Only the live sessions of this project (its folder's name)", HelpName = "NAME" };
        var urgent = new Option<bool>("--urgent") { Description = "Mark the message urgent: it also raises a desktop notification when notifications are on (baton notify on)" };
        var json = CommonOptions.Json();
        var command = new Command(
            "broadcast",
            "Send one message to every live session but you (exited and still starting sessions are left out); all or nothing. " +
            "--json: the message, as for send. " + MessagesCli.SendExitCodesHelp)
        {
            message, project, urgent, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var sent = context.Messenger().Broadcast(MessagesCli.ReadBody(parse.GetValue(message)!), environment.Actor, parse.GetValue(project), parse.GetValue(urgent));
            return context.ReportSent(parse.GetValue(json), sent, "Broadcast");
        }));
        return command;
    }
}
