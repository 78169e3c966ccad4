namespace Baton.Core.Messages;

/// <summary>
/// One message between sessions (or from a person), as stored: immutable once sent, except for each recipient's
/// <see cref="MessageReceipt"/> (taken, delivered, read). All times are UTC.
/// </summary>
public sealed record Message
{
    /// <summary>The message's id, unique in the store and increasing in send order.</summary>
    public required long Id { get; init; }

    /// <summary>The thread it belongs to: the id of the message that started the thread (its own id for a new message).</summary>
    public required long ThreadId { get; init; }

    /// <summary>The message this one answers (<c>baton reply</c>), or null.</summary>
    public long? ReplyTo { get; init; }

    /// <summary>Who sent it: a <c>session_id</c> or <c>human</c>.</summary>
    public required string Sender { get; init; }

    /// <summary>The body: plain text, 1 character to <see cref="MessageLimits.MaxBodyBytes"/> UTF-8 bytes, not blank.</summary>
    public required string Body { get; init; }

    /// <summary>Whether the sender marked it urgent.</summary>
    public bool Urgent { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Its recipients, in the order they were addressed, each with its delivery state.</summary>
    public required IReadOnlyList<MessageReceipt> Recipients { get; init; }

    /// <summary>The receipt of one recipient.</summary>
    /// <param name="recipient">A recipient's session id (or <c>human</c>).</param>
    /// <returns>Its receipt, or null when the message was not sent to it.</returns>
    public MessageReceipt? ReceiptOf(string recipient) =>
        Recipients.FirstOrDefault(r => string.Equals(r.Recipient, recipient, StringComparison.Ordinal));
}

/// <summary>One recipient's copy of a message: whether a hook has taken it for delivery, handed it over, and whether it was read.</summary>
/// <param name="Recipient">The recipient: a <c>session_id</c>, or <c>human</c> for a reply to a person.</param>
/// <param name="TakenAt">When a hook last claimed it for delivery (<see cref="IMessageStore.TakeForDelivery"/>); null when never.</param>
/// <param name="TakeToken">The token of that claim; null when never taken.</param>
/// <param name="DeliveredAt">When a hook confirmed it was handed into the session's context; null until then.</param>
/// <param name="ReadAt">When the recipient first had it: delivered into its context or shown by its inbox; null while unread.</param>
public sealed record MessageReceipt(string Recipient, DateTimeOffset? TakenAt, string? TakeToken, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt)
{
    /// <summary>Whether the recipient has had the message (delivered or read).</summary>
    public bool IsRead => ReadAt is not null;
}

/// <summary>What a sender asks the store to keep: already validated and resolved to full recipient ids.</summary>
/// <param name="Sender">Who sends: a <c>session_id</c> or <c>human</c>.</param>
/// <param name="Recipients">The recipients (distinct, at least one): session ids, or <c>human</c>.</param>
/// <param name="Body">The body.</param>
/// <param name="Urgent">Whether it is urgent.</param>
/// <param name="ReplyTo">The message it answers (it joins that message's thread), or null.</param>
/// <param name="ThreadId">A thread to join without answering one message; null for a new thread (ignored with <paramref name="ReplyTo"/>).</param>
/// <param name="DeliveredBy">Set for a message already delivered by other means (<c>claude</c>: Claude Code's own
/// SendMessage tool): it is kept for threads and history, delivered and read for each recipient at once, never handed over
/// again, and counts against no inbox limit. Null for Baton's own messages.</param>
public sealed record MessageDraft(string Sender, IReadOnlyList<string> Recipients, string Body, bool Urgent, long? ReplyTo = null, long? ThreadId = null, string? DeliveredBy = null);

/// <summary>How many messages a recipient holds.</summary>
/// <param name="Received">Every message ever sent to it.</param>
/// <param name="Unread">Those it has not had yet (neither delivered nor read).</param>
public sealed record InboxCounts(int Received, int Unread);
