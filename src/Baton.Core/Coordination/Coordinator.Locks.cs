namespace Baton.Core.Coordination;

public sealed partial class Coordinator
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Tries once to acquire a lock (<c>acquire_lock</c> without a wait). Granted with a fencing token that is greater than
    /// every token granted on the resource before, or answered with the current holder. An expired lock is taken over. The
    /// holder asking again while it holds the lock renews it: same token, new expiry.
    /// </summary>
    /// <param name="resource">The resource, for example <c>deploy</c> or <c>file:src/*.cs</c> (a name; <c>*</c> allowed).</param>
    /// <param name="ttl">How long the lock lives unless renewed: 1 s to 24 h.</param>
    /// <param name="actor">Who asks (the holder).</param>
    /// <param name="reason">Why, shown to others (at most 4000 characters), or null.</param>
    /// <returns>The outcome, with the granted lock or the other holder's.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public LockAttempt AcquireLock(string resource, TimeSpan ttl, string actor, string? reason = null)
    {
        ValidateAcquire(resource, ttl, actor, reason);
        return _store.AcquireLock(resource, actor, ttl, reason);
    }

    /// <summary>
    /// Acquires a lock, waiting up to <paramref name="wait"/> while another holder has it (<c>acquire_lock</c> with
    /// <c>wait_seconds</c>). The wait is attempts with short growing sleeps (10–250 ms, never past the holder's expiry or the
    /// deadline), each attempt its own short transaction: no transaction is held open while waiting.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="ttl">How long the lock lives unless renewed: 1 s to 24 h.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="reason">Why, or null.</param>
    /// <param name="wait">How long to keep trying: 0 (one attempt) to <see cref="CoordinationLimits.MaxWait"/>.</param>
    /// <param name="cancellationToken">Stops waiting (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The outcome of the last attempt: granted, or the holder when the wait ran out.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public async Task<LockAttempt> AcquireLockAsync(
        string resource, TimeSpan ttl, string actor, string? reason, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ValidateAcquire(resource, ttl, actor, reason);
        CoordinationLimits.Wait(wait);
        var started = _time.GetTimestamp();
        var delay = FirstRetryDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attempt = _store.AcquireLock(resource, actor, ttl, reason);
            var left = wait - _time.GetElapsedTime(started);
            if (attempt.Granted || left <= TimeSpan.Zero)
            {
                return attempt;
            }

            var untilExpiry = attempt.Lock.ExpiresAt - _time.GetUtcNow() + TimeSpan.FromMilliseconds(1);
            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + (Random.Shared.NextDouble() / 2)));
            var sleep = Min(jittered, left, untilExpiry < FirstRetryDelay ? FirstRetryDelay : untilExpiry);
            await Task.Delay(sleep, _time, cancellationToken).ConfigureAwait(false);
            delay = Min(delay * 2, LongestRetryDelay, LongestRetryDelay);
        }
    }

    /// <summary>Extends a live lock (<c>renew_lock</c>); the token stays.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="token">The token the actor was granted.</param>
    /// <param name="ttl">The new time to live from now: 1 s to 24 h.</param>
    /// <param name="actor">The holder.</param>
    /// <returns>The renewed lock.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    /// <exception cref="StaleLockException">The actor holds no live lock with that token; it names the current holder.</exception>
    public LockInfo RenewLock(string resource, long token, TimeSpan ttl, string actor)
    {
        CoordinationLimits.Resource(resource);
        CoordinationLimits.Range(token, 1, long.MaxValue, "token");
        CoordinationLimits.Duration(ttl, "ttl");
        CoordinationLimits.Name(actor, "actor");
        return _store.RenewLock(resource, actor, token, ttl);
    }

    /// <summary>Releases a live lock (<c>release_lock</c>).</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="token">The token the actor was granted.</param>
    /// <param name="actor">The holder.</param>
    /// <returns>The lock as it was.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    /// <exception cref="StaleLockException">The actor holds no live lock with that token; it names the current holder.</exception>
    public LockInfo ReleaseLock(string resource, long token, string actor)
    {
        CoordinationLimits.Resource(resource);
        CoordinationLimits.Range(token, 1, long.MaxValue, "token");
        CoordinationLimits.Name(actor, "actor");
        return _store.ReleaseLock(resource, actor, token);
    }

    /// <summary>The token of the live lock <paramref name="actor"/> holds on a resource, for a renew or release without one.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="actor">Who asks.</param>
    /// <returns>The token.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    /// <exception cref="StaleLockException">The actor holds no live lock on the resource; it names the current holder.</exception>
    public long OwnToken(string resource, string actor)
    {
        CoordinationLimits.Resource(resource);
        CoordinationLimits.Name(actor, "actor");
        var live = _store.GetLock(resource);
        return live is not null && live.Holder == actor ? live.Token : throw new StaleLockException(resource, actor, 0, live);
    }

    /// <summary>Breaks the live lock on a resource whoever holds it (<c>baton lock release --force</c>: a person freeing a
    /// stuck lock), journaled as <see cref="CoordinationJournalTypes.LockBroken"/> with <paramref name="actor"/>.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="token">The token of the lock to break, or null for the one live now.</param>
    /// <param name="actor">Who breaks it.</param>
    /// <returns>The lock as it was.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    /// <exception cref="StaleLockException">No live lock (with that token) is on the resource.</exception>
    public LockInfo BreakLock(string resource, long? token, string actor)
    {
        CoordinationLimits.Resource(resource);
        CoordinationLimits.Name(actor, "actor");
        var live = token is null ? _store.GetLock(resource) ?? throw new StaleLockException(resource, actor, 0, null) : null;
        return _store.BreakLock(resource, token ?? live!.Token, actor);
    }

    /// <summary>Lists live locks (<c>list_locks</c>).</summary>
    /// <param name="pattern">A glob over resources, or null for all.</param>
    /// <returns>The live locks, ordered by resource.</returns>
    /// <exception cref="UserErrorException">The pattern is not allowed.</exception>
    public IReadOnlyList<LockInfo> ListLocks(string? pattern = null)
    {
        CoordinationLimits.Pattern(pattern, "resource pattern");
        return _store.ListLocks(pattern);
    }

    private static void ValidateAcquire(string resource, TimeSpan ttl, string actor, string? reason)
    {
        CoordinationLimits.Resource(resource);
        CoordinationLimits.Duration(ttl, "ttl");
        CoordinationLimits.Name(actor, "actor");
        if (reason is not null)
        {
            CoordinationLimits.Text(reason, "reason", required: false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b, TimeSpan c) => TimeSpan.FromTicks(Math.Min(a.Ticks, Math.Min(b.Ticks, c.Ticks)));
}
