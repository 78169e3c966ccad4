namespace Baton.Core.Coordination;

/// <summary>A lock on a resource as held by one holder.</summary>
/// <param name="Resource">The locked resource, for example <c>deploy</c> or <c>file:src/app.cs</c>.</param>
/// <param name="Holder">Who holds it: a <c>session_id</c> or <c>human</c>.</param>
/// <param name="Token">The fencing token: strictly greater than every token granted before on this resource (it starts at
/// 1 and survives releases), so a write carrying an older token can be told apart and refused.</param>
/// <param name="AcquiredAt">When the holder acquired it (UTC); renewals keep it.</param>
/// <param name="ExpiresAt">When it lapses unless renewed (UTC). From then on it is free and the holder's token is stale.</param>
/// <param name="Reason">Why it is held, as the holder said; null when not given.</param>
public sealed record LockInfo(string Resource, string Holder, long Token, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, string? Reason);

/// <summary>What an attempt to acquire a lock came to.</summary>
public enum LockOutcome
{
    /// <summary>The lock was free (never held, released, or expired by the same holder) and is granted with a new token.</summary>
    Acquired,

    /// <summary>The caller already held it: it is renewed (same token, new expiry).</summary>
    Renewed,

    /// <summary>Another holder's lock had expired; it is taken over with a new token.</summary>
    TakenOver,

    /// <summary>Another holder has it; nothing changed.</summary>
    HeldByAnother,
}

/// <summary>The answer to an acquire: the lock as granted, or the lock another holder has.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Lock">With a grant, the caller's lock (its token and expiry); with <see cref="LockOutcome.HeldByAnother"/>,
/// the current holder's lock (holder, token, since when, expiry).</param>
/// <param name="Previous">With <see cref="LockOutcome.TakenOver"/>, the expired lock that was replaced; otherwise null.</param>
public sealed record LockAttempt(LockOutcome Outcome, LockInfo Lock, LockInfo? Previous = null)
{
    /// <summary>True when the caller holds the lock now.</summary>
    public bool Granted => Outcome != LockOutcome.HeldByAnother;
}
