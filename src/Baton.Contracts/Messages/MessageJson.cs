using Baton.Core.Coordination;
using Baton.Core.Messages;

namespace Baton.Contracts.Messages;

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
public sealed record MessageJson(
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
    /// <param name="nameOf">Tells a session's name from its id (null when it has none).</param>
    /// <returns>The shape.</returns>
    public static MessageJson From(Message m, Func<string, string?> nameOf)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(nameOf);
        return new(
            m.Id,
            m.ThreadId,
            m.ReplyTo,
            m.Sender,
            nameOf(m.Sender),
            m.Body,
            m.Urgent,
            CoordinationJournalTypes.FormatTime(m.CreatedAt),
            [.. m.Recipients.Select(r => new RecipientJson(
                r.Recipient,
                nameOf(r.Recipient),
                r.DeliveredAt is { } d ? CoordinationJournalTypes.FormatTime(d) : null,
                r.ReadAt is { } read ? CoordinationJournalTypes.FormatTime(read) : null))]);
    }
}
