using Baton.Core.Coordination;
using Npgsql;

namespace Baton.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string LockColumns = "resource, holder, token, acquired_at, expires_at, reason";

    /// <inheritdoc/>
    public LockAttempt AcquireLock(string resource, string holder, TimeSpan ttl, string? reason)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(holder);
        var ttlMs = Milliseconds(ttl, nameof(ttl));

        // A live lock of another holder seen by a plain read is a true answer as of that read: no write lock needed.
        if (LockRow(resource) is { } seen && seen.IsLive(NowMs()) && seen.Holder != holder)
        {
            return new LockAttempt(LockOutcome.HeldByAnother, seen.ToInfo());
        }

        return Write(() =>
        {
            var now = NowMs();
            var row = LockRow(resource);
            if (row is not null && row.IsLive(now))
            {
                if (row.Holder != holder)
                {
                    return new LockAttempt(LockOutcome.HeldByAnother, row.ToInfo());
                }

                var renewed = row.ToInfo() with { ExpiresAt = Time(now + ttlMs), Reason = reason ?? row.Reason };
                _connection.Execute(
                    "UPDATE locks SET expires_at = @expires, reason = @reason WHERE resource = @resource",
                    ("@expires", now + ttlMs),
                    ("@reason", renewed.Reason),
                    ("@resource", resource));
                AppendEntry(CoordinationJournalTypes.LockRenewed, CoordinationJournalTypes.LockSubject(resource), holder, CoordinationJournalTypes.LockData(renewed, withReason: false), now);
                return new LockAttempt(LockOutcome.Renewed, renewed);
            }

            var granted = new LockInfo(resource, holder, (row?.Token ?? 0) + 1, Time(now), Time(now + ttlMs), reason);
            _connection.Execute(
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
        var ttlMs = Milliseconds(ttl, nameof(ttl));
        return Write(() =>
        {
            var now = NowMs();
            var row = HeldBy(resource, holder, token, now);
            var renewed = row.ToInfo() with { ExpiresAt = Time(now + ttlMs) };
            _connection.Execute(
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
        return Write(() =>
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
        return Write(() =>
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
    public IReadOnlyList<LockInfo> ListLocks(string? pattern) => ReadRows(
        $"SELECT {LockColumns} FROM locks WHERE holder IS NOT NULL AND expires_at > @now AND (@glob::text IS NULL OR resource LIKE @glob) ORDER BY resource",
        r => ReadLockRow(r).ToInfo(),
        ("@now", NowMs()),
        ("@glob", PostgresLike.FromGlob(pattern)));

    /// <summary>The row of a live lock of <paramref name="holder"/> with <paramref name="token"/>, read in the write transaction.</summary>
    /// <exception cref="StaleLockException">There is none.</exception>
    private StoredLock HeldBy(string resource, string holder, long token, long now)
    {
        var row = LockRow(resource);
        if (row is not null && row.IsLive(now) && row.Holder == holder && row.Token == token)
        {
            return row;
        }

        var lapsed = row is not null && row.Holder == holder && row.Token == token ? Time(row.ExpiresAt) : (DateTimeOffset?)null;
        throw new StaleLockException(resource, holder, token, row is not null && row.IsLive(now) ? row.ToInfo() : null, lapsed);
    }

    private void FreeLock(string resource, long now) => _connection.Execute(
        "UPDATE locks SET holder = NULL, reason = NULL, expires_at = @now WHERE resource = @resource",
        ("@now", now),
        ("@resource", resource));

    private StoredLock? LockRow(string resource) =>
        ReadRows($"SELECT {LockColumns} FROM locks WHERE resource = @resource", ReadLockRow, ("@resource", resource)).SingleOrDefault();

    private static StoredLock ReadLockRow(NpgsqlDataReader r) =>
        new(r.GetString(0), Text(r, 1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), Text(r, 5));

    /// <summary>A row of <c>locks</c>: <see cref="Token"/> is the last token granted; <see cref="Holder"/> null when released.</summary>
    private sealed record StoredLock(string Resource, string? Holder, long Token, long AcquiredAt, long ExpiresAt, string? Reason)
    {
        public bool IsLive(long now) => Holder is not null && ExpiresAt > now;

        public LockInfo ToInfo() => new(Resource, Holder!, Token, Time(AcquiredAt), Time(ExpiresAt), Reason);
    }
}
