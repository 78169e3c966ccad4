using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Core;

namespace Baton.Cli.Messages;

/// <summary><c>baton send TARGET MESSAGE</c> or <c>baton send --project NAME MESSAGE</c>: a message to one session, or to every
/// live session of a project; the CLI twin of the MCP tool <c>send_message</c>.</summary>
internal static class SendCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var target = new Argument<string>("target") { Description = "The session: a unique id prefix or a name (with --project: the message instead)" };
        var message = new Argument<string?>("message")
        {
            Description = "The message: plain text, at most 64 KiB; - reads it from standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var project = new Option<string?>("--project") { Description = "Send to every live session of this project (its folder's name) but you, instead of one TARGET", HelpName = "NAME" };
        var urgent = new Option<bool>("--urgent") { Description = "Mark the message urgent: it also raises a desktop notification when notifications are on (baton notify on)" };
        var thread = new Option<long?>("--thread") { Description = "Join the thread of this message id instead of starting a new one", HelpName = "MESSAGE_ID" };
        var json = CommonOptions.Json();
        var command = new Command(
            "send",
            "Send a message to a session; its agent gets it in its context at its next turn, or reads it with 'baton inbox'. " +
            "--json: the message {id, thread_id, reply_to, sender, sender_name, body, urgent, created_at, recipients}. " + MessagesCli.SendExitCodesHelp)
        {
            target, message, project, urgent, thread, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var messenger = context.Messenger();
            var first = parse.GetValue(target)!;
            var second = parse.GetValue(message);
            IReadOnlyList<string> to;
            string raw;
            if (parse.GetValue(project) is { } name)
            {
                raw = second is null ? first : throw new UserErrorException("With --project give only the MESSAGE, not a TARGET.");
                to = messenger.ProjectRecipients(name, environment.Actor);
            }
            else
            {
                raw = second ?? throw new UserErrorException("Give a TARGET and a MESSAGE (or --project NAME and a MESSAGE).");
                to = [messenger.ResolveTarget(first)];
            }

            var sent = messenger.Send(to, MessagesCli.ReadBody(raw), environment.Actor, parse.GetValue(urgent), parse.GetValue(thread));
            return context.ReportSent(parse.GetValue(json), sent, "Sent");
        }));
        return command;
    }
}
