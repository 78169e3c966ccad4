using System.Data.Common;
using Baton.Core.Coordination;

namespace Baton.Storage.Relational;

// Work queues with leases, the same on every SQL store: an item is claimed by one claimer at a time, a claim whose lease
// has passed counts as pending again, every change journaled in its transaction. How a claim picks its item under
// concurrent claimers is the dialect's (WriteClaim, NextClaimableLocked).
public abstract partial class RelationalStore
{
    private const string ItemColumns =
        "id, queue, item, priority, status, enqueued_by, enqueued_at, claimer, claimed_at, lease_expires_at, attempts, completed_at, result";

    private const string PendingStatus = "pending";
    private const string ClaimedStatus = "claimed";
    private const string DoneStatus = "done";

    /// <summary>
    /// The next claimable item of <c>@queue</c> at <c>@now</c>: the best never-claimed or released item and the best item
    /// whose lease expired, each found through its own partial index, and of the two the higher priority, then the older.
    /// </summary>
    private const string NextClaimable =
        """
        SELECT id FROM (
            SELECT * FROM (SELECT id, priority FROM queue_items WHERE queue = @queue AND status = 'pending' ORDER BY priority DESC, id LIMIT 1) AS pending
            UNION ALL
            SELECT * FROM (SELECT id, priority FROM queue_items WHERE queue = @queue AND status = 'claimed' AND lease_expires_at <= @now ORDER BY priority DESC, id LIMIT 1) AS lapsed
        ) AS candidates ORDER BY priority DESC, id LIMIT 1
        """;

    /// <summary>The query a claim runs in its transaction (<see cref="WriteClaim"/>) for the id of the item it takes,
    /// with <c>@queue</c> and <c>@now</c> (Unix ms); no row when nothing is claimable. By default the plain
    /// <see cref="NextClaimable"/>, which is right where the write transaction keeps other writers out until it ends; a store
    /// whose claimers run at once locks the row it returns.</summary>
    protected virtual string NextClaimableLocked => NextClaimable;

    /// <inheritdoc/>
    public QueueItem Enqueue(string queue, string itemJson, int priority, string actor)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(itemJson);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var id = (long)Connection.QueryValue(
                "INSERT INTO queue_items (queue, item, priority, status, enqueued_by, enqueued_at) VALUES (@queue, @item, @priority, 'pending', @actor, @now) RETURNING id",
                ("@queue", queue),
                ("@item", itemJson),
                ("@priority", priority),
                ("@actor", actor),
                ("@now", now))!;
            AppendEntry(CoordinationJournalTypes.QueueEnqueued, CoordinationJournalTypes.QueueSubject(queue), actor, CoordinationJournalTypes.QueueEnqueuedData(id, priority, itemJson), now);
            return new QueueItem
            {
                Id = id,
                Queue = queue,
                ItemJson = itemJson,
                Priority = priority,
                Status = QueueItemStatus.Pending,
                EnqueuedBy = actor,
                EnqueuedAt = UnixTime(now),
            };
        });
    }

    /// <inheritdoc/>
    public QueueItem? ClaimNext(string queue, string claimer, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(claimer);
        var leaseMs = DurationMs(lease, nameof(lease));

        // An empty queue seen by a plain read is a true answer as of that read: no write lock needed.
        if (QueryRows(NextClaimable, r => r.GetInt64(0), ("@queue", queue), ("@now", NowMs())).Count == 0)
        {
            return null;
        }

        return WriteClaim(() =>
        {
            var now = NowMs();
            var next = QueryRows(NextClaimableLocked, r => r.GetInt64(0), ("@queue", queue), ("@now", now));
            if (next.Count == 0)
            {
                return null;
            }

            var row = ItemRow(next[0])!;
            Connection.ExecuteStatement(
                "UPDATE queue_items SET status = 'claimed', claimer = @claimer, claimed_at = @now, lease_expires_at = @lease, attempts = attempts + 1 WHERE id = @id",
                ("@claimer", claimer),
                ("@now", now),
                ("@lease", now + leaseMs),
                ("@id", row.Id));
            var claimed = (row with { Status = ClaimedStatus, Claimer = claimer, ClaimedAt = now, LeaseExpiresAt = now + leaseMs, Attempts = row.Attempts + 1 }).ToItem(now);
            var lapsed = row.Status == ClaimedStatus ? row.Claimer : null;
            AppendEntry(CoordinationJournalTypes.QueueClaimed, CoordinationJournalTypes.QueueSubject(queue), claimer, CoordinationJournalTypes.QueueClaimedData(claimed, lapsed), now);
            return claimed;
        });
    }

    /// <inheritdoc/>
    public QueueItem? Complete(string queue, long id, string claimer, string? resultJson) =>
        ChangeClaimedItem(queue, id, claimer, force: false, (row, now) =>
        {
            Connection.ExecuteStatement(
                "UPDATE queue_items SET status = 'done', completed_at = @now, result = @result WHERE id = @id",
                ("@now", now),
                ("@result", resultJson),
                ("@id", id));
            AppendEntry(CoordinationJournalTypes.QueueCompleted, CoordinationJournalTypes.QueueSubject(queue), claimer, CoordinationJournalTypes.QueueCompletedData(id, resultJson), now);
            return (row with { Status = DoneStatus, CompletedAt = now, Result = resultJson }).ToItem(now);
        });

    /// <inheritdoc/>
    public QueueItem? Release(string queue, long id, string actor, bool force) =>
        ChangeClaimedItem(queue, id, actor, force, (row, now) =>
        {
            UnclaimItem(id);
            AppendEntry(
                CoordinationJournalTypes.QueueReleased,
                CoordinationJournalTypes.QueueSubject(queue),
                actor,
                CoordinationJournalTypes.QueueReleasedData(id, row.Claimer!, abandoned: false, forced: force && row.Claimer != actor),
                now);
            return (row with { Status = PendingStatus, Claimer = null, ClaimedAt = null, LeaseExpiresAt = null }).ToItem(now);
        });

    /// <inheritdoc/>
    public QueueItem? GetQueueItem(string queue, long id)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return ItemRow(id) is { } row && row.Queue == queue ? row.ToItem(NowMs()) : null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<QueueItem> ListQueue(string queue, QueueItemStatus? status, int limit)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var filter = status switch
        {
            null => "",
            QueueItemStatus.Pending => "AND (status = 'pending' OR (status = 'claimed' AND lease_expires_at <= @now))",
            QueueItemStatus.Claimed => "AND status = 'claimed' AND lease_expires_at > @now",
            QueueItemStatus.Done => "AND status = 'done'",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
        };
        var now = NowMs();
        return QueryRows(
            $"SELECT {ItemColumns} FROM queue_items WHERE queue = @queue {filter} ORDER BY id LIMIT @limit",
            r => ReadItemRow(r).ToItem(now),
            ("@queue", queue),
            ("@now", now),
            ("@limit", limit));
    }

    /// <inheritdoc/>
    public IReadOnlyList<QueueSummary> ListQueues() => QueryRows(
        "SELECT queue, " +
        "CAST(SUM(CASE WHEN status = 'pending' OR (status = 'claimed' AND lease_expires_at <= @now) THEN 1 ELSE 0 END) AS INTEGER), " +
        "CAST(SUM(CASE WHEN status = 'claimed' AND lease_expires_at > @now THEN 1 ELSE 0 END) AS INTEGER), " +
        "CAST(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS INTEGER) " +
        "FROM queue_items GROUP BY queue ORDER BY queue",
        r => new QueueSummary(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)),
        ("@now", NowMs()));

    /// <summary>Runs a change of an item the claimer holds a live claim on, in one write transaction.</summary>
    /// <param name="queue">The item's queue.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="claimer">Who must hold the claim.</param>
    /// <param name="force">Any live claim will do, whoever holds it.</param>
    /// <param name="change">The change, given the item's row and the change's time (Unix ms): its statements, its journal
    /// entry and the item after it.</param>
    /// <returns>What <paramref name="change"/> returned, or null when the queue has no such item.</returns>
    /// <exception cref="QueueClaimException">The item exists but the claimer holds no live claim on it.</exception>
    private QueueItem? ChangeClaimedItem(string queue, long id, string claimer, bool force, Func<StoredItem, long, QueueItem> change)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(claimer);
        return WriteChange(() =>
        {
            var now = NowMs();
            return ClaimedBy(queue, id, claimer, force, now) is { } row ? change(row, now) : null;
        });
    }

    /// <summary>The row of an item the claimer (with <paramref name="force"/>: anyone) holds a live claim on, read in the
    /// write transaction.</summary>
    /// <returns>The row, or null when the queue has no such item.</returns>
    /// <exception cref="QueueClaimException">The item exists but the claimer holds no live claim on it.</exception>
    private StoredItem? ClaimedBy(string queue, long id, string claimer, bool force, long now)
    {
        var row = ItemRow(id);
        if (row is null || row.Queue != queue)
        {
            return null;
        }

        return row.Status == ClaimedStatus && (force || row.Claimer == claimer) && row.LeaseExpiresAt > now
            ? row
            : throw new QueueClaimException(claimer, row.ToItem(now));
    }

    /// <summary>The items a claimer holds a claim on (live or lapsed), by id, as seen at <paramref name="nowMs"/>.</summary>
    private List<QueueItem> ClaimedItems(string claimer, long nowMs) =>
        QueryRows($"SELECT {ItemColumns} FROM queue_items WHERE claimer = @claimer AND status = 'claimed' ORDER BY id", ReadItemRow, ("@claimer", claimer))
            .Select(row => row.ToItem(nowMs))
            .ToList();

    private void UnclaimItem(long id) => Connection.ExecuteStatement(
        "UPDATE queue_items SET status = 'pending', claimer = NULL, claimed_at = NULL, lease_expires_at = NULL WHERE id = @id",
        ("@id", id));

    private StoredItem? ItemRow(long id) =>
        QueryRows($"SELECT {ItemColumns} FROM queue_items WHERE id = @id", ReadItemRow, ("@id", id)).SingleOrDefault();

    private static StoredItem ReadItemRow(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        UnixMilliseconds.Read(r, 6),
        NullableText(r, 7),
        UnixMilliseconds.ReadOptional(r, 8),
        UnixMilliseconds.ReadOptional(r, 9),
        r.GetInt32(10),
        UnixMilliseconds.ReadOptional(r, 11),
        NullableText(r, 12));

    /// <summary>A row of <c>queue_items</c>, times in Unix milliseconds.</summary>
    private sealed record StoredItem(
        long Id,
        string Queue,
        string Item,
        int Priority,
        string Status,
        string EnqueuedBy,
        long EnqueuedAt,
        string? Claimer,
        long? ClaimedAt,
        long? LeaseExpiresAt,
        int Attempts,
        long? CompletedAt,
        string? Result)
    {
        /// <summary>The item as seen at <paramref name="now"/>: a claim whose lease has passed reads as pending.</summary>
        public QueueItem ToItem(long now) => new()
        {
            Id = Id,
            Queue = Queue,
            ItemJson = Item,
            Priority = Priority,
            Status = Status switch
            {
                DoneStatus => QueueItemStatus.Done,
                ClaimedStatus when LeaseExpiresAt > now => QueueItemStatus.Claimed,
                _ => QueueItemStatus.Pending,
            },
            EnqueuedBy = EnqueuedBy,
            EnqueuedAt = UnixTime(EnqueuedAt),
            Claimer = Claimer,
            ClaimedAt = ClaimedAt is { } c ? UnixTime(c) : null,
            LeaseExpiresAt = LeaseExpiresAt is { } l ? UnixTime(l) : null,
            Attempts = Attempts,
            CompletedAt = CompletedAt is { } d ? UnixTime(d) : null,
            ResultJson = Result,
        };
    }
}
