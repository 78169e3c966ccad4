using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Machine;
using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

// The coordination store (ICoordinationStore) in the same SQLite file: tables state, locks,
// queue_items and handoffs (schema migration 3). Each change is one BEGIN IMMEDIATE transaction (see
// SqliteTransactions) that re-reads what it decides on and appends its journal entry; refusals roll back.
// Where a refusal can be told from a plain read (a lock held by another, an empty queue) it is answered without taking the
// write lock, so waiting callers do not queue up on it. Times are Unix milliseconds by the clock the store was opened with.
public sealed partial class SqliteStore : ICoordinationStore
{
    private const string JournalColumns = "seq, type, subject, actor, at, data, origin";

    /// <summary>The distinct journal types matching <c>$type</c>, found by a skip scan of <c>journal_by_type</c>: one index
    /// seek per distinct type, however many entries each has.</summary>
    private const string MatchingJournalTypes =
        """
        WITH RECURSIVE types(type) AS (
            SELECT MIN(type) FROM journal
            UNION ALL
            SELECT (SELECT MIN(type) FROM journal WHERE type > types.type) FROM types WHERE types.type IS NOT NULL
        )
        SELECT type FROM types WHERE type IS NOT NULL AND type GLOB $type
        """;

    /// <inheritdoc/>
    public DateTimeOffset? Heartbeat(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return Write(() =>
        {
            var now = NowMs();
            var changed = _connection.Execute(
                "UPDATE sessions SET updated_at = $now WHERE session_id = $id AND ended_at IS NULL",
                ("$now", now),
                ("$id", sessionId));
            if (changed == 0)
            {
                return (DateTimeOffset?)null;
            }

            AppendEntry(CoordinationJournalTypes.SessionHeartbeat, JournalTypes.SessionSubject(sessionId), sessionId, null, now);
            return DateTimeOffset.FromUnixTimeMilliseconds(now);
        });
    }

    /// <inheritdoc/>
    public JournalEntry AppendEvent(string type, string subject, string actor, string? data)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            var seq = AppendEntry(type, subject, actor, data, now);
            return new JournalEntry(seq, type, subject, actor, DateTimeOffset.FromUnixTimeMilliseconds(now), data, ProcessTable.Origin);
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<JournalEntry> QueryJournal(JournalQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);

        var latest = query.AfterSequence is null;
        if (query.TypePattern is { } pattern)
        {
            return QueryJournalByType(pattern, query, latest);
        }

        var entries = ReadJournalRows(query, latest, type: null, bound: null);
        if (latest)
        {
            entries.Reverse();
        }

        return entries;
    }

    /// <summary>
    /// A journal query with a type pattern. A GLOB over the whole journal would read every matching entry and sort them
    /// (a broad pattern such as <c>session.*</c> matches most of the journal). Instead each matching type's entries are read
    /// from the right end of <c>journal_by_type</c> (type, seq), at most <see cref="JournalQuery.Limit"/> each and only those
    /// that could still make the answer, and the best <see cref="JournalQuery.Limit"/> overall are kept: the work grows with
    /// the number of distinct types and the limit, not with the journal.
    /// </summary>
    private List<JournalEntry> QueryJournalByType(string pattern, JournalQuery query, bool latest)
    {
        // The root of the queue is the worst entry kept: the oldest when the latest are wanted, else the newest.
        var kept = new PriorityQueue<JournalEntry, long>(query.Limit + 1);
        foreach (var type in ReadRows(MatchingJournalTypes, static r => r.GetString(0), ("$type", SqliteGlob.From(pattern))))
        {
            long? bound = kept.Count == query.Limit ? kept.Peek().Sequence : null;
            foreach (var entry in ReadJournalRows(query, latest, type, bound))
            {
                kept.Enqueue(entry, latest ? entry.Sequence : -entry.Sequence);
                if (kept.Count > query.Limit)
                {
                    kept.Dequeue();
                }
            }
        }

        return [.. kept.UnorderedItems.Select(static e => e.Element).OrderBy(static e => e.Sequence)];
    }

    /// <summary>Reads up to the query's limit of journal rows matching its actor and sequence bound and, when given, one exact
    /// type and a bound the rows must beat (newer than it when <paramref name="latest"/>, else older): newest first when
    /// <paramref name="latest"/>, else oldest first. The WHERE clause is put together from fixed fragments only (so SQLite
    /// can pick an index for each combination); every value is a parameter.</summary>
    private List<JournalEntry> ReadJournalRows(JournalQuery query, bool latest, string? type, long? bound)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("$limit", query.Limit) };
        if (query.AfterSequence is { } after)
        {
            conditions.Add("seq > $after");
            parameters.Add(("$after", after));
        }

        if (type is not null)
        {
            conditions.Add("type = $type");
            parameters.Add(("$type", type));
        }

        if (bound is { } beat)
        {
            conditions.Add(latest ? "seq > $bound" : "seq < $bound");
            parameters.Add(("$bound", beat));
        }

        if (query.Actor is { } actor)
        {
            conditions.Add("actor = $actor");
            parameters.Add(("$actor", actor));
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return ReadRows(
            $"SELECT {JournalColumns} FROM journal {where} ORDER BY seq {(latest ? "DESC" : "ASC")} LIMIT $limit",
            ReadEntry,
            [.. parameters]);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListWorkHolders() => ReadRows(
        """
        SELECT holder FROM locks WHERE holder IS NOT NULL AND expires_at > $now
        UNION SELECT claimer FROM queue_items WHERE status = 'claimed' AND claimer IS NOT NULL
        ORDER BY 1
        """,
        static reader => reader.GetString(0),
        ("$now", NowMs()));

    /// <inheritdoc/>
    public AbandonedWork ListHeldWork(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return new AbandonedWork(HeldLocks(holder, NowMs()), ClaimedItems(holder));
    }

    /// <inheritdoc/>
    public AbandonedWork ReleaseAbandoned(string sessionId, string actor)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            var locks = HeldLocks(sessionId, now);
            foreach (var held in locks)
            {
                FreeLock(held.Resource, now);
                AppendEntry(CoordinationJournalTypes.LockReleased, CoordinationJournalTypes.LockSubject(held.Resource), actor, CoordinationJournalTypes.LockReleasedData(held, abandoned: true), now);
            }

            var items = ClaimedItems(sessionId);
            foreach (var item in items)
            {
                UnclaimItem(item.Id);
                AppendEntry(CoordinationJournalTypes.QueueReleased, CoordinationJournalTypes.QueueSubject(item.Queue), actor, CoordinationJournalTypes.QueueReleasedData(item.Id, sessionId, abandoned: true), now);
            }

            return new AbandonedWork(locks, items);
        });
    }

    private List<QueueItem> ClaimedItems(string claimer)
    {
        var now = NowMs();
        return ReadRows($"SELECT {ItemColumns} FROM queue_items WHERE claimer = $claimer AND status = 'claimed' ORDER BY id", ReadItemRow, ("$claimer", claimer))
            .Select(row => row.ToItem(now))
            .ToList();
    }

    /// <inheritdoc/>
    protected override long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Appends one journal entry in the current transaction, dated like the change it records.</summary>
    /// <returns>Its sequence number.</returns>
    protected override long AppendEntry(string type, string subject, string actor, string? data, long atMs)
    {
        _connection.Execute(
            "INSERT INTO journal (type, subject, actor, at, data, origin) VALUES ($type, $subject, $actor, $at, $data, $origin)",
            ("$type", type),
            ("$subject", subject),
            ("$actor", actor),
            ("$at", atMs),
            ("$data", data),
            ("$origin", ProcessTable.Origin));
        return LastInsertId();
    }

    private long LastInsertId() => (long)_connection.Scalar("SELECT last_insert_rowid()")!;

    private List<T> ReadRows<T>(string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = _connection.Prepare(sql, parameters);
        using var reader = Run(command);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(StoredRows.Map(reader, map, Path, sql));
        }

        return rows;
    }

    private static JournalEntry ReadEntry(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds.Read(r, 4)),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6));

    private static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static DateTimeOffset? Time(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.GetInt64(i));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Milliseconds(TimeSpan span, string name)
    {
        var ms = (long)Math.Ceiling(span.TotalMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, 1, name);
        return ms;
    }
}
