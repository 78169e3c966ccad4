using Baton.Core.Coordination;
using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string ItemColumns =
        "id, queue, item, priority, status, enqueued_by, enqueued_at, claimer, claimed_at, lease_expires_at, attempts, completed_at, result";

    private const string PendingStatus = "pending";
    private const string ClaimedStatus = "claimed";
    private const string DoneStatus = "done";

    /// <summary>
    /// The next claimable item: the best never-claimed or released item and the best item whose lease expired, each found
    /// through its own partial index, and of the two the higher priority, then the older.
    /// </summary>
    private const string NextClaimable =
        """
        SELECT id FROM (
            SELECT * FROM (SELECT id, priority FROM queue_items WHERE queue = $queue AND status = 'pending' ORDER BY priority DESC, id LIMIT 1)
            UNION ALL
            SELECT * FROM (SELECT id, priority FROM queue_items WHERE queue = $queue AND status = 'claimed' AND lease_expires_at <= $now ORDER BY priority DESC, id LIMIT 1)
        ) ORDER BY priority DESC, id LIMIT 1
        """;

    /// <inheritdoc/>
    public QueueItem Enqueue(string queue, string itemJson, int priority, string actor)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(itemJson);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            _connection.Execute(
                "INSERT INTO queue_items (queue, item, priority, status, enqueued_by, enqueued_at) VALUES ($queue, $item, $priority, 'pending', $actor, $now)",
                ("$queue", queue),
                ("$item", itemJson),
                ("$priority", priority),
                ("$actor", actor),
                ("$now", now));
            var id = LastInsertId();
            AppendEntry(CoordinationJournalTypes.QueueEnqueued, CoordinationJournalTypes.QueueSubject(queue), actor, CoordinationJournalTypes.QueueEnqueuedData(id, priority, itemJson), now);
            return new QueueItem
            {
                Id = id,
                Queue = queue,
                ItemJson = itemJson,
                Priority = priority,
                Status = QueueItemStatus.Pending,
                EnqueuedBy = actor,
                EnqueuedAt = Time(now),
            };
        });
    }

    /// <inheritdoc/>
    public QueueItem? ClaimNext(string queue, string claimer, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(claimer);
        var leaseMs = Milliseconds(lease, nameof(lease));

        // An empty queue seen by a plain read is a true answer as of that read: no write lock needed.
        if (ReadRows(NextClaimable, r => r.GetInt64(0), ("$queue", queue), ("$now", NowMs())).Count == 0)
        {
            return null;
        }

        return Write(() =>
        {
            var now = NowMs();
            var next = ReadRows(NextClaimable, r => r.GetInt64(0), ("$queue", queue), ("$now", now));
            if (next.Count == 0)
            {
                return null;
            }

            var row = ItemRow(next[0])!;
            _connection.Execute(
                "UPDATE queue_items SET status = 'claimed', claimer = $claimer, claimed_at = $now, lease_expires_at = $lease, attempts = attempts + 1 WHERE id = $id",
                ("$claimer", claimer),
                ("$now", now),
                ("$lease", now + leaseMs),
                ("$id", row.Id));
            var claimed = (row with { Status = ClaimedStatus, Claimer = claimer, ClaimedAt = now, LeaseExpiresAt = now + leaseMs, Attempts = row.Attempts + 1 }).ToItem(now);
            var lapsed = row.Status == ClaimedStatus ? row.Claimer : null;
            AppendEntry(CoordinationJournalTypes.QueueClaimed, CoordinationJournalTypes.QueueSubject(queue), claimer, CoordinationJournalTypes.QueueClaimedData(claimed, lapsed), now);
            return claimed;
        });
    }

    /// <inheritdoc/>
    public QueueItem? Complete(string queue, long id, string claimer, string? resultJson)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(claimer);
        return Write(() =>
        {
            var now = NowMs();
            if (ClaimedBy(queue, id, claimer, now) is not { } row)
            {
                return null;
            }

            _connection.Execute(
                "UPDATE queue_items SET status = 'done', completed_at = $now, result = $result WHERE id = $id",
                ("$now", now),
                ("$result", resultJson),
                ("$id", id));
            AppendEntry(CoordinationJournalTypes.QueueCompleted, CoordinationJournalTypes.QueueSubject(queue), claimer, CoordinationJournalTypes.QueueCompletedData(id, resultJson), now);
            return (row with { Status = DoneStatus, CompletedAt = now, Result = resultJson }).ToItem(now);
        });
    }

    /// <inheritdoc/>
    public QueueItem? Release(string queue, long id, string claimer)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(claimer);
        return Write(() =>
        {
            var now = NowMs();
            if (ClaimedBy(queue, id, claimer, now) is not { } row)
            {
                return null;
            }

            UnclaimItem(id);
            AppendEntry(CoordinationJournalTypes.QueueReleased, CoordinationJournalTypes.QueueSubject(queue), claimer, CoordinationJournalTypes.QueueReleasedData(id, claimer, abandoned: false), now);
            return (row with { Status = PendingStatus, Claimer = null, ClaimedAt = null, LeaseExpiresAt = null }).ToItem(now);
        });
    }

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
            QueueItemStatus.Pending => "AND (status = 'pending' OR (status = 'claimed' AND lease_expires_at <= $now))",
            QueueItemStatus.Claimed => "AND status = 'claimed' AND lease_expires_at > $now",
            QueueItemStatus.Done => "AND status = 'done'",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
        };
        var now = NowMs();
        return ReadRows(
            $"SELECT {ItemColumns} FROM queue_items WHERE queue = $queue {filter} ORDER BY id LIMIT $limit",
            r => ReadItemRow(r).ToItem(now),
            ("$queue", queue),
            ("$now", now),
            ("$limit", limit));
    }

    /// <inheritdoc/>
    public IReadOnlyList<QueueSummary> ListQueues() => ReadRows(
        "SELECT queue, " +
        "SUM(CASE WHEN status = 'pending' OR (status = 'claimed' AND lease_expires_at <= $now) THEN 1 ELSE 0 END), " +
        "SUM(CASE WHEN status = 'claimed' AND lease_expires_at > $now THEN 1 ELSE 0 END), " +
        "SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) " +
        "FROM queue_items GROUP BY queue ORDER BY queue",
        r => new QueueSummary(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)),
        ("$now", NowMs()));

    /// <summary>The row of an item the claimer holds a live claim on, read in the write transaction.</summary>
    /// <returns>The row, or null when the queue has no such item.</returns>
    /// <exception cref="QueueClaimException">The item exists but the claimer holds no live claim on it.</exception>
    private StoredItem? ClaimedBy(string queue, long id, string claimer, long now)
    {
        var row = ItemRow(id);
        if (row is null || row.Queue != queue)
        {
            return null;
        }

        return row.Status == ClaimedStatus && row.Claimer == claimer && row.LeaseExpiresAt > now
            ? row
            : throw new QueueClaimException(claimer, row.ToItem(now));
    }

    private void UnclaimItem(long id) => _connection.Execute(
        "UPDATE queue_items SET status = 'pending', claimer = NULL, claimed_at = NULL, lease_expires_at = NULL WHERE id = $id",
        ("$id", id));

    private StoredItem? ItemRow(long id) =>
        ReadRows($"SELECT {ItemColumns} FROM queue_items WHERE id = $id", ReadItemRow, ("$id", id)).SingleOrDefault();

    private static StoredItem ReadItemRow(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        UnixMilliseconds.Read(r, 6),
        Text(r, 7),
        UnixMilliseconds.ReadOptional(r, 8),
        UnixMilliseconds.ReadOptional(r, 9),
        r.GetInt32(10),
        UnixMilliseconds.ReadOptional(r, 11),
        Text(r, 12));

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
            EnqueuedAt = Time(EnqueuedAt),
            Claimer = Claimer,
            ClaimedAt = ClaimedAt is { } c ? Time(c) : null,
            LeaseExpiresAt = LeaseExpiresAt is { } l ? Time(l) : null,
            Attempts = Attempts,
            CompletedAt = CompletedAt is { } d ? Time(d) : null,
            ResultJson = Result,
        };
    }
}
