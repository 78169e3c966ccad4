namespace Baton.Contracts.Messages;

/// <summary>One recipient of a message: <c>{"session_id", "name", "delivered_at", "read_at"}</c>; <c>read_at</c> null means unread
/// (in <c>baton inbox</c>: unread until this listing showed it).</summary>
/// <param name="SessionId">The recipient: a session id or <c>human</c>.</param>
/// <param name="Name">Its session name, or null.</param>
/// <param name="DeliveredAt">When a hook handed it into the session's context, or null.</param>
/// <param name="ReadAt">When the recipient had it (delivered or shown by its inbox), or null.</param>
public sealed record RecipientJson(string SessionId, string? Name, string? DeliveredAt, string? ReadAt);
