using System.CommandLine;
using System.Globalization;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Core;
using Baton.Core.Messages;
using Baton.Core.Storage;

namespace Baton.Cli.Messages;

/// <summary><c>baton inbox [--all] [--json] [--wait [SECONDS]] [--session ID]</c>: lists a session's unread (or latest)
/// messages and marks what it shows read; the CLI twin of the MCP tool <c>inbox</c>.</summary>
internal static class InboxCommand
{
    /// <summary>How long <c>--wait</c> waits when given without a number of seconds.</summary>
    public const int DefaultWaitSeconds = 300;

    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Show the latest messages, read ones too, not only unread ones" };
        var wait = new Option<int?>("--wait", "-w")
        {
            Description = $"With no unread message, wait up to SECONDS (default {DefaultWaitSeconds}, at most 3600) for one; exit 1 if none came",
            HelpName = "SECONDS",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var session = new Option<string?>("--session", "-s")
        {
            Description = "Whose inbox: a session id prefix or name, or human (default: the current session; outside a session, human: yours)",
            HelpName = "ID",
        };
        var peek = new Option<bool>("--peek") { Description = "Do not mark the messages shown as read (another session's never are)" };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many messages (1 to 1000): the oldest unread ones, or with --all the latest",
            HelpName = "N",
            DefaultValueFactory = _ => Messenger.DefaultLimit,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "inbox",
            "List a session's unread messages (outside a session: yours, the person's), oldest first, and mark them read (so hooks do not hand them over again); another " +
            "session's inbox (--session) is only shown, never marked read. " +
            "--json: an array of messages {id, thread_id, reply_to, sender, sender_name, body, urgent, created_at, recipients: " +
            "[{session_id, name, delivered_at, read_at}]} as they were before this listing marked them. Exit codes: 0 listed " +
            "(an empty inbox too, without --wait); 1 --wait timed out (or was stopped) with no message (--json prints []); 2 bad input.")
        {
            all, wait, session, peek, limit, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var recipient = context.Inbox(parse.GetValue(session));
            var messenger = context.Messenger();
            if (parse.GetResult(wait) is not null)
            {
                var seconds = parse.GetValue(wait) ?? DefaultWaitSeconds;
                if (seconds is < 0 or > 3600)
                {
                    throw new UserErrorException($"A --wait of {seconds} s is out of range: use 0 to 3600.");
                }

                if (!Wait(messenger, recipient, TimeSpan.FromSeconds(seconds), context.Environment.Stores))
                {
                    if (parse.GetValue(json))
                    {
                        context.WriteJson("[]");
                    }

                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baton: no message for {context.Who(recipient)} within {seconds} s."));
                    return ExitCodes.Condition;
                }
            }

            // Only the inbox's owner marks it read: reading another session's inbox must not take its messages from its hooks.
            var own = string.Equals(recipient, environment.Actor, StringComparison.Ordinal);
            var messages = messenger.Inbox(recipient, unreadOnly: !parse.GetValue(all), markRead: own && !parse.GetValue(peek), parse.GetValue(limit), environment.Actor);
            if (parse.GetValue(json))
            {
                context.WriteJson(MessagesCli.Json(messages, context));
                return ExitCodes.Ok;
            }

            if (messages.Count == 0)
            {
                context.Output.WriteLine($"No {(parse.GetValue(all) ? "" : "unread ")}messages for {context.Who(recipient)}.");
                return ExitCodes.Ok;
            }

            foreach (var message in messages)
            {
                context.Output.Write(context.Text(message, recipient));
            }

            var left = messenger.Counts(recipient).Unread;
            context.Output.WriteLine(
                $"Answer with: baton reply ID \"TEXT\" (or the MCP tool reply)." + (left > 0 ? string.Create(CultureInfo.InvariantCulture, $" {left} more unread.") : ""));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Waits for an unread message, told of store changes by a <see cref="StoreFollower"/>;
    /// Ctrl-C or SIGTERM ends the wait as a time-out.</summary>
    private static bool Wait(Messenger messenger, string recipient, TimeSpan timeout, IStoreFactory stores)
    {
        using var stop = new StopSignal();
        using var changes = StoreFollower.Open(stores, TimeProvider.System, out _);
        try
        {
            return messenger.WaitForMessagesAsync(recipient, timeout, changes, stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
