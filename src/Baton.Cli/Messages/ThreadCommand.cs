using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core;

namespace Baton.Cli.Messages;

/// <summary><c>baton thread MESSAGE_ID [--json]</c>: shows the whole thread a message belongs to, every body in full,
/// without marking anything read; the CLI twin of the MCP tool <c>thread</c>. Where a delivery into an agent's context
/// had to cut a long message, it points here.</summary>
internal static class ThreadCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var id = new Argument<long>("message-id") { Description = "Any message of the thread (its #id in 'baton inbox')" };
        var json = CommonOptions.Json();
        var command = new Command(
            "thread",
            "Show the thread a message belongs to, oldest first, each message whole. Marks nothing read. --json: an array of " +
            "messages, as for inbox. Exit codes: 0 shown; 2 no such message.")
        {
            id, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var messages = context.Messenger().Thread(parse.GetValue(id));
            if (parse.GetValue(json))
            {
                context.WriteJson(MessagesCli.Json(messages, context));
                return ExitCodes.Ok;
            }

            foreach (var message in messages)
            {
                context.Output.Write(context.Text(message, environment.Actor));
            }

            context.Output.WriteLine($"Answer with: baton reply {messages[^1].Id} \"TEXT\" (or the MCP tool reply).");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
