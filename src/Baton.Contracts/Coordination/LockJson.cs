using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>A lock: <c>{"resource", "holder", "token", "acquired_at", "expires_at", "reason"}</c>.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Holder">Who holds it: a session id or <c>human</c>.</param>
/// <param name="Token">The fencing token.</param>
/// <param name="AcquiredAt">Since when it is held.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
/// <param name="Reason">Why it is held, or null.</param>
public sealed record LockJson(string Resource, string Holder, long Token, string AcquiredAt, string ExpiresAt, string? Reason)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="info">The lock.</param>
    /// <returns>The shape.</returns>
    public static LockJson From(LockInfo info) =>
        new(info.Resource, info.Holder, info.Token, CoordinationJournalTypes.FormatTime(info.AcquiredAt), CoordinationJournalTypes.FormatTime(info.ExpiresAt), info.Reason);
}
