namespace Baton.Core.Coordination;

/// <summary>A renew or release was refused: the caller's lock is no longer held with that token (it expired, was released,
/// or another holder has the resource now). A holder that gets this has lost the lock and must not act as its holder.</summary>
public sealed class StaleLockException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="holder">Who asked.</param>
    /// <param name="token">The token they gave; 0 when they gave none and hold no live lock on the resource.</param>
    /// <param name="current">The live lock on the resource now, or null when it is free.</param>
    /// <param name="lapsed">When the caller's own lock expired (UTC), when that is why; otherwise null.</param>
    public StaleLockException(string resource, string holder, long token, LockInfo? current, DateTimeOffset? lapsed = null)
        : base(Describe(resource, holder, token, current, lapsed))
    {
        Resource = resource;
        Holder = holder;
        Token = token;
        Current = current;
    }

    /// <summary>The resource.</summary>
    public string Resource { get; }

    /// <summary>Who asked.</summary>
    public string Holder { get; }

    /// <summary>The stale token.</summary>
    public long Token { get; }

    /// <summary>The live lock on the resource now (its holder, token and expiry), or null when it is free.</summary>
    public LockInfo? Current { get; }

    private static string Describe(string resource, string holder, long token, LockInfo? current, DateTimeOffset? lapsed)
    {
        var why = lapsed is { } at ? $"it expired at {Format(at)}"
            : token == 0 ? $"{holder} holds no live lock on it"
            : $"token {token} is not the live lock of {holder}";
        var now = current is null
            ? "the resource is free now; acquire it again"
            : $"it is held by {current.Holder} with token {current.Token} until {Format(current.ExpiresAt)}";
        return $"Stale lock on '{resource}': {why}; {now}.";
    }
}
