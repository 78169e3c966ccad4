using System.Globalization;
using System.Text;
using Baton.ClaudeCode.Settings;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Contracts;
using Baton.Contracts.Messages;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Messages;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Platform.Notifications;

namespace Baton.Cli.Messages;

/// <summary>What the message commands (<c>baton send|broadcast|inbox|reply</c>) share: the messenger, bodies from
/// standard input, names of sessions, and the text and JSON shapes of messages.</summary>
internal static class MessagesCli
{
    /// <summary>The exit codes of the sending commands, for their help.</summary>
    public const string SendExitCodesHelp =
        "Sends as the current session when CLAUDE_CODE_SESSION_ID is set, else as 'human'. Exit codes: 0 sent; " +
        "1 refused for now: a recipient's inbox is full (retry later; nothing was sent to anyone); 2 bad input: an unknown, " +
        "ambiguous, exited or still starting target, an empty or oversized message (at most 64 KiB).";

    /// <summary>The argument value that means "read the message from standard input".</summary>
    public const string StandardInput = "-";

    /// <summary>A messenger over the context's store, with the inbox limit configured for this home, raising a desktop
    /// notification for an urgent message when notifications are on, and refusing a session's message to a session whose
    /// Claude Code settings say <c>crossSessionInbound: refuse</c> or <c>hold</c>.</summary>
    /// <param name="context">The command's context.</param>
    /// <returns>The messenger.</returns>
    public static Messenger Messenger(this CliContext context) => Core.Messages.Messenger.ForHome(
        context.Store,
        context.Registry,
        context.Environment.Time,
        context.Environment.Home,
        DesktopNotifier.InBackground(context.Environment.Home),
        s => CrossSessionInbound.Closed(s, context.Environment.UserHome));

    /// <summary>Reads a message body: <c>-</c> reads standard input (one trailing line break dropped); the rest as given.
    /// The limits are the messenger's to check.</summary>
    /// <param name="raw">The argument.</param>
    /// <returns>The body.</returns>
    public static string ReadBody(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw != StandardInput)
        {
            return raw;
        }

        var text = Console.In.ReadToEnd();
        return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
    }

    /// <summary>How a session or <c>human</c> is shown: the short id and the name, for example <c>5c0ffee0 (api)</c>.</summary>
    /// <param name="context">The command's context (for names).</param>
    /// <param name="actor">A session id or <c>human</c>.</param>
    /// <returns>The text.</returns>
    public static string Who(this CliContext context, string actor) =>
        NameOf(context, actor) is { } name ? $"{SessionRegistry.ShortId(actor)} ({name})" : SessionRegistry.ShortId(actor);

    /// <summary>The name of a session, or null (for <c>human</c>, unknown or unnamed sessions).</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="actor">A session id or <c>human</c>.</param>
    /// <returns>The name, or null.</returns>
    public static string? NameOf(this CliContext context, string actor) =>
        actor == SessionRegistry.HumanActor ? null : context.Store.GetSession(actor)?.Name;

    /// <summary>Messages as a JSON array of <see cref="MessageJson"/> (for <c>inbox --json</c> and <c>thread --json</c>).</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="context">The command's context, for session names.</param>
    /// <returns>The JSON text.</returns>
    public static string Json(IEnumerable<Message> messages, CliContext context) =>
        System.Text.Json.JsonSerializer.Serialize(messages.Select(m => MessageJson.From(m, context.NameOf)).ToList(), ContractJson.Default.ListMessageJson);

    /// <summary>Reports a sent message: its JSON with <c>--json</c>, else one line.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="json">Whether <c>--json</c> was given.</param>
    /// <param name="sent">The message.</param>
    /// <param name="what">The line's start, for example <c>Sent</c>.</param>
    /// <returns><see cref="ExitCodes.Ok"/>.</returns>
    public static int ReportSent(this CliContext context, bool json, Message sent, string what)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (json)
        {
            context.WriteJson(System.Text.Json.JsonSerializer.Serialize(MessageJson.From(sent, context.NameOf), ContractJson.Default.MessageJson));
            return ExitCodes.Ok;
        }

        var to = sent.Recipients.Count == 1
            ? context.Who(sent.Recipients[0].Recipient)
            : $"{sent.Recipients.Count} sessions: " + string.Join(", ", sent.Recipients.Select(r => context.Who(r.Recipient)));
        var thread = sent.ThreadId == sent.Id ? "" : $" in thread #{sent.ThreadId}";
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} message #{sent.Id}{thread} to {to}{(sent.Urgent ? " (urgent)" : "")}."));
        return ExitCodes.Ok;
    }

    /// <summary>A message as text for a person or agent: a header line, the body indented, and how to answer.</summary>
    /// <param name="context">The command's context (for names).</param>
    /// <param name="message">The message.</param>
    /// <param name="recipient">Whose inbox shows it.</param>
    /// <returns>The lines, ending with a line break.</returns>
    public static string Text(this CliContext context, Message message, string recipient)
    {
        ArgumentNullException.ThrowIfNull(message);
        var header = new StringBuilder().Append(CultureInfo.InvariantCulture, $"#{message.Id}  {CoordinationJournalTypes.FormatTime(message.CreatedAt)}  from {context.Who(message.Sender)}");
        if (message.ThreadId != message.Id)
        {
            header.Append(CultureInfo.InvariantCulture, $"  thread #{message.ThreadId}");
        }

        if (message.ReplyTo is { } parent)
        {
            header.Append(CultureInfo.InvariantCulture, $"  re #{parent}");
        }

        if (message.Recipients.Count > 1)
        {
            header.Append(CultureInfo.InvariantCulture, $"  to {message.Recipients.Count} sessions");
        }

        if (message.Urgent)
        {
            header.Append("  URGENT");
        }

        if (message.ReceiptOf(recipient) is { IsRead: false })
        {
            header.Append("  new");
        }

        var text = new StringBuilder().AppendLine(header.ToString());
        foreach (var line in message.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            text.Append("    ").AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>The inbox a command reads: <c>--session</c> (an id, prefix or name, or <c>human</c>), else the current session,
    /// else (outside Claude Code) <c>human</c>: the person at the terminal.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="session">The <c>--session</c> value, or null.</param>
    /// <returns>The recipient's full id, or <c>human</c>.</returns>
    /// <exception cref="UserErrorException">The <c>--session</c> is unknown or ambiguous.</exception>
    public static string Inbox(this CliContext context, string? session)
    {
        if (session is not null)
        {
            return session == SessionRegistry.HumanActor ? session : context.Registry.Resolve(session).SessionId;
        }

        // Outside a Claude Code session the person at the terminal reads their own inbox: messages and replies sent to human.
        return context.Environment.CurrentSessionId ?? SessionRegistry.HumanActor;
    }
}
