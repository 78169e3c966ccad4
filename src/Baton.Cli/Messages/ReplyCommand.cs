using System.CommandLine;
using Baton.Cli.CommandLine;

namespace Baton.Cli.Messages;

/// <summary><c>baton reply MESSAGE_ID TEXT</c>: answers a message in its thread; the CLI twin of the MCP tool <c>reply</c>.</summary>
internal static class ReplyCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var id = new Argument<long>("message-id") { Description = "The message you answer (its #id in 'baton inbox')" };
        var text = new Argument<string>("text") { Description = "The answer: plain text, at most 64 KiB; - reads it from standard input" };
        var urgent = new Option<bool>("--urgent") { Description = "Mark the answer urgent" };
        var json = CommonOptions.Json();
        var command = new Command(
            "reply",
            "Answer a message in its thread. The answer goes to the message's sender only (a message from a person goes to " +
            "'baton inbox --session human'); answering your own message goes to its recipients. --json: the answer, as for send. " +
            MessagesCli.SendExitCodesHelp)
        {
            id, text, urgent, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var sent = context.Messenger().Reply(parse.GetValue(id), MessagesCli.ReadBody(parse.GetValue(text)!), environment.Actor, parse.GetValue(urgent));
            return context.ReportSent(parse.GetValue(json), sent, "Replied with");
        }));
        return command;
    }
}
