using System.Text.Json.Serialization;
using Baton.Cli.CommandLine;
using Baton.Cli.Rendering;
using Baton.Core.Messages;

namespace Baton.Cli.Messages;

/// <summary>
/// The <c>--json</c> output of <c>baton send|broadcast|inbox|reply</c>: snake_case names, indented, nulls written, times
/// ISO 8601 UTC with milliseconds. These shapes are stable: fields may be added, never renamed or removed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MessageJson))]
[JsonSerializable(typeof(List<MessageJson>))]
internal sealed partial class MessageJsonContext : JsonSerializerContext;

/// <summary>A message: <c>{"id", "thread_id", "reply_to", "sender", "sender_name", "body", "urgent", "created_at", "recipients": [...]}</c>.</summary>
/// <param name="Id">The message's id (give it to <c>baton reply</c>).</param>
/// <param name="ThreadId">Its thread: the id of the thread's first message.</param>
/// <param name="ReplyTo">The message it answers, or null.</param>
/// <param name="Sender">Who sent it: a session id or <c>human</c>.</param>
/// <param name="SenderName">The sender's session name, or null.</param>
/// <param name="Body">The text.</param>
/// <param name="Urgent">Whether it is urgent.</param>
/// <param name="CreatedAt">When it was sent.</param>
/// <param name="Recipients">Each recipient with its delivery state.</param>
internal sealed record MessageJson(
    long Id,
    long ThreadId,
    long? ReplyTo,
    string Sender,
    string? SenderName,
    string Body,
    bool Urgent,
    string CreatedAt,
    List<RecipientJson> Recipients)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="m">The message.</param>
    /// <param name="context">The command's context, for session names.</param>
    /// <returns>The shape.</returns>
    public static MessageJson From(Message m, CliContext context) => new(
        m.Id,
        m.ThreadId,
        m.ReplyTo,
        m.Sender,
        context.NameOf(m.Sender),
        m.Body,
        m.Urgent,
        SessionJson.Iso(m.CreatedAt),
        [.. m.Recipients.Select(r => new RecipientJson(
            r.Recipient,
            context.NameOf(r.Recipient),
            r.DeliveredAt is { } d ? SessionJson.Iso(d) : null,
            r.ReadAt is { } read ? SessionJson.Iso(read) : null))]);

    /// <summary>Messages as a JSON array of this shape (for <c>inbox --json</c> and <c>thread --json</c>).</summary>
    /// <param name="messages">The messages, in the order to show.</param>
    /// <param name="context">The command's context, for session names.</param>
    /// <returns>The JSON text.</returns>
    public static string Array(IEnumerable<Message> messages, CliContext context) =>
        System.Text.Json.JsonSerializer.Serialize(messages.Select(m => From(m, context)).ToList(), MessageJsonContext.Default.ListMessageJson);
}

/// <summary>One recipient of a message: <c>{"session_id", "name", "delivered_at", "read_at"}</c>; <c>read_at</c> null means unread
/// (in <c>baton inbox</c>: unread until this listing showed it).</summary>
/// <param name="SessionId">The recipient: a session id or <c>human</c>.</param>
/// <param name="Name">Its session name, or null.</param>
/// <param name="DeliveredAt">When a hook handed it into the session's context, or null.</param>
/// <param name="ReadAt">When the recipient had it (delivered or shown by its inbox), or null.</param>
internal sealed record RecipientJson(string SessionId, string? Name, string? DeliveredAt, string? ReadAt);
