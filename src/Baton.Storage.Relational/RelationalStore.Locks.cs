using Baton.Core.Coordination;
using System.Data.Common;

namespace Baton.Storage.Relational;

// Locks with fencing tokens, the same on every SQL store: a live lock of another holder is refused naming it, a lapsed one
// is taken over, every change journaled in its transaction.
public abstract partial class RelationalStore
{
    private const string LockColumns = "resource, holder, token, acquired_at, expires_at, reason";

    /// <inheritdoc/>
    public LockAttempt AcquireLock(string resource, string holder, TimeSpan ttl, string? reason)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(holder);
        var ttlMs = DurationMs(ttl, nameof(ttl));

        // A live lock of another holder seen by a plain read is a true answer as of that read: no write lock needed.
        if (LockRow(resource) is { } seen && seen.IsLive(NowMs()) && seen.Holder != holder)
        {
            return new LockAttempt(LockOutcome.HeldByAnother, seen.ToInfo());
        }

        return WriteChange(() =>
        {
            var now = NowMs();
            var row = LockRow(resource);
            if (row is not null && row.IsLive(now))
            {
                if (row.Holder != holder)
                {
                    return new LockAttempt(LockOutcome.HeldByAnother, row.ToInfo());
                }

                var renewed = row.ToInfo() with { ExpiresAt = UnixTime(now + ttlMs), Reason = reason ?? row.Reason };
                Connection.ExecuteStatement(
                    "UPDATE locks SET expires_at = @expires, reason = @reason WHERE resource = @resource",
                    ("@expires", now + ttlMs),
                    ("@reason", renewed.Reason),
                    ("@resource", resource));
                AppendEntry(CoordinationJournalTypes.LockRenewed, CoordinationJournalTypes.LockSubject(resource), holder, CoordinationJournalTypes.LockData(renewed, withReason: false), now);
                return new LockAttempt(LockOutcome.Renewed, renewed);
            }

            var granted = new LockInfo(resource, holder, (row?.Token ?? 0) + 1, UnixTime(now), UnixTime(now + ttlMs), reason);
            Connection.ExecuteStatement(
                """
                INSERT INTO locks (resource, holder, token, acquired_at, expires_at, reason) VALUES (@resource, @holder, @token, @now, @expires, @reason)
                ON CONFLICT (resource) DO UPDATE SET holder = excluded.holder, token = excluded.token, acquired_at = excluded.acquired_at,
                    expires_at = excluded.expires_at, reason = excluded.reason
                """,
                ("@resource", resource),
                ("@holder", holder),
                ("@token", granted.Token),
                ("@now", now),
                ("@expires", now + ttlMs),
                ("@reason", reason));
            var lapsed = row is { Holder: not null } && row.Holder != holder ? row.ToInfo() : null;
            AppendEntry(
                lapsed is null ? CoordinationJournalTypes.LockAcquired : CoordinationJournalTypes.LockExpiredTaken,
                CoordinationJournalTypes.LockSubject(resource),
                holder,
                CoordinationJournalTypes.LockData(granted, lapsed),
                now);
            return new LockAttempt(lapsed is null ? LockOutcome.Acquired : LockOutcome.TakenOver, granted, lapsed);
        });
    }

    /// <inheritdoc/>
    public LockInfo RenewLock(string resource, string holder, long token, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(holder);
        var ttlMs = DurationMs(ttl, nameof(ttl));
        return WriteChange(() =>
        {
            var now = NowMs();
            var row = HeldBy(resource, holder, token, now);
            var renewed = row.ToInfo() with { ExpiresAt = UnixTime(now + ttlMs) };
            Connection.ExecuteStatement(
                "UPDATE locks SET expires_at = @expires WHERE resource = @resource",
                ("@expires", now + ttlMs),
                ("@resource", resource));
            AppendEntry(CoordinationJournalTypes.LockRenewed, CoordinationJournalTypes.LockSubject(resource), holder, CoordinationJournalTypes.LockData(renewed, withReason: false), now);
            return renewed;
        });
    }

    /// <inheritdoc/>
    public LockInfo ReleaseLock(string resource, string holder, long token)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(holder);
        return WriteChange(() =>
        {
            var now = NowMs();
            var released = HeldBy(resource, holder, token, now).ToInfo();
            FreeLock(resource, now);
            AppendEntry(CoordinationJournalTypes.LockReleased, CoordinationJournalTypes.LockSubject(resource), holder, CoordinationJournalTypes.LockReleasedData(released, abandoned: false), now);
            return released;
        });
    }

    /// <inheritdoc/>
    public LockInfo BreakLock(string resource, long token, string actor)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var row = LockRow(resource);
            if (row is null || !row.IsLive(now) || row.Token != token)
            {
                throw new StaleLockException(resource, actor, token, row is not null && row.IsLive(now) ? row.ToInfo() : null, null);
            }

            var broken = row.ToInfo();
            FreeLock(resource, now);
            AppendEntry(CoordinationJournalTypes.LockBroken, CoordinationJournalTypes.LockSubject(resource), actor, CoordinationJournalTypes.LockBrokenData(broken), now);
            return broken;
        });
    }

    /// <inheritdoc/>
    public LockInfo? GetLock(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return LockRow(resource) is { } row && row.IsLive(NowMs()) ? row.ToInfo() : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<LockInfo> ListLocks(string? pattern) => QueryRows(
        $"SELECT {LockColumns} FROM locks WHERE holder IS NOT NULL AND expires_at > @now AND {GlobMatch("resource", "@glob")} ORDER BY resource",
        r => ReadLockRow(r).ToInfo(),
        ("@now", NowMs()),
        ("@glob", GlobPattern(pattern)));

    /// <summary>The row of a live lock of <paramref name="holder"/> with <paramref name="token"/>, read in the write transaction.</summary>
    /// <exception cref="StaleLockException">There is none.</exception>
    private StoredLock HeldBy(string resource, string holder, long token, long now)
    {
        var row = LockRow(resource);
        if (row is not null && row.IsLive(now) && row.Holder == holder && row.Token == token)
        {
            return row;
        }

        var lapsed = row is not null && row.Holder == holder && row.Token == token ? UnixTime(row.ExpiresAt) : (DateTimeOffset?)null;
        throw new StaleLockException(resource, holder, token, row is not null && row.IsLive(now) ? row.ToInfo() : null, lapsed);
    }

    /// <summary>Frees a lock in the current transaction (its token stays, so the next holder gets a higher one).</summary>
    /// <param name="resource">The lock's resource.</param>
    /// <param name="now">The change's time, Unix ms.</param>
    private void FreeLock(string resource, long now) => Connection.ExecuteStatement(
        "UPDATE locks SET holder = NULL, reason = NULL, expires_at = @now WHERE resource = @resource",
        ("@now", now),
        ("@resource", resource));

    /// <summary>The live locks of a holder, by resource.</summary>
    /// <param name="holder">The holder (a session id).</param>
    /// <param name="nowMs">Now, Unix ms.</param>
    /// <returns>Its locks.</returns>
    private List<LockInfo> HeldLocks(string holder, long nowMs) =>
        QueryRows($"SELECT {LockColumns} FROM locks WHERE holder = @holder AND expires_at > @now ORDER BY resource", ReadLockRow, ("@holder", holder), ("@now", nowMs))
            .Select(row => row.ToInfo())
            .ToList();

    private StoredLock? LockRow(string resource) =>
        QueryRows($"SELECT {LockColumns} FROM locks WHERE resource = @resource", ReadLockRow, ("@resource", resource)).SingleOrDefault();

    private static StoredLock ReadLockRow(DbDataReader r) =>
        new(r.GetString(0), NullableText(r, 1), r.GetInt64(2), UnixMilliseconds.Read(r, 3), UnixMilliseconds.Read(r, 4), NullableText(r, 5));

    /// <summary>A row of <c>locks</c>: <see cref="Token"/> is the last token granted; <see cref="Holder"/> null when released.</summary>
    private sealed record StoredLock(string Resource, string? Holder, long Token, long AcquiredAt, long ExpiresAt, string? Reason)
    {
        public bool IsLive(long now) => Holder is not null && ExpiresAt > now;

        public LockInfo ToInfo() => new(Resource, Holder!, Token, UnixTime(AcquiredAt), UnixTime(ExpiresAt), Reason);
    }
}
