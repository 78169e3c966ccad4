using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Machine;
using Baton.Core.Storage;
using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

// The coordination store (ICoordinationStore) in the same schema: tables state, locks, queue_items and handoffs. Each
// change is one serializable transaction (see PostgresTransactions) that re-reads what it decides on and appends its journal
// entry; refusals roll back. Where a refusal can be told from a plain read (a lock held by another, an empty queue) it is
// answered without a write transaction. Times are Unix milliseconds by the store's clock (the database's now()).
public sealed partial class PostgresStore : ICoordinationStore
{
    private const string JournalColumns = "seq, type, subject, actor, at, data, origin";

    /// <summary>The database's clock in Unix milliseconds: <c>now()</c> is the start of the current transaction, so every
    /// statement of one change sees one time.</summary>
    private const string DatabaseNow = "SELECT floor(extract(epoch FROM now()) * 1000)::bigint";

    /// <summary>Appends one journal entry after taking the store's journal lock (an advisory lock held to the end of the
    /// transaction), so that sequence numbers are handed out in commit order.</summary>
    private const string InsertJournal =
        """
        INSERT INTO journal (type, subject, actor, at, data, origin)
        SELECT @type, @subject, @actor, @at, @data, @origin FROM (SELECT pg_advisory_xact_lock(hashtext('baton.journal:' || current_schema()))) AS journal_lock
        RETURNING seq
        """;

    /// <summary>The distinct journal types matching <c>@type</c> (a <c>LIKE</c> pattern), found by a skip scan of
    /// <c>journal_by_type</c>: one index seek per distinct type, however many entries each has.</summary>
    private const string MatchingJournalTypes =
        """
        WITH RECURSIVE types(type) AS (
            SELECT MIN(type) FROM journal
            UNION ALL
            SELECT (SELECT MIN(type) FROM journal WHERE type > types.type) FROM types WHERE types.type IS NOT NULL
        )
        SELECT type FROM types WHERE type IS NOT NULL AND type LIKE @type
        """;

    private long? _transactionNow;
    private bool _inTransaction;

    /// <inheritdoc/>
    public DateTimeOffset? Heartbeat(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return Write(() =>
        {
            var now = NowMs();
            var changed = _connection.Execute(
                "UPDATE sessions SET updated_at = @now WHERE session_id = @id AND ended_at IS NULL",
                ("@now", now),
                ("@id", sessionId));
            if (changed == 0)
            {
                return (DateTimeOffset?)null;
            }

            AppendEntry(CoordinationJournalTypes.SessionHeartbeat, JournalTypes.SessionSubject(sessionId), sessionId, null, now);
            return Time(now);
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
            return new JournalEntry(seq, type, subject, actor, Time(now), data, ProcessTable.Origin);
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
    /// A journal query with a type pattern: each matching type's entries are read from the right end of
    /// <c>journal_by_type</c> (type, seq), at most <see cref="JournalQuery.Limit"/> each and only those that could still make
    /// the answer, and the best <see cref="JournalQuery.Limit"/> overall are kept: the work grows with the number of distinct
    /// types and the limit, not with the journal.
    /// </summary>
    private List<JournalEntry> QueryJournalByType(string pattern, JournalQuery query, bool latest)
    {
        // The root of the queue is the worst entry kept: the oldest when the latest are wanted, else the newest.
        var kept = new PriorityQueue<JournalEntry, long>(query.Limit + 1);
        foreach (var type in ReadRows(MatchingJournalTypes, static r => r.GetString(0), ("@type", PostgresLike.FromGlob(pattern))))
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
    /// <paramref name="latest"/>, else oldest first. The WHERE clause is put together from fixed fragments only; every value
    /// is a parameter.</summary>
    private List<JournalEntry> ReadJournalRows(JournalQuery query, bool latest, string? type, long? bound)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("@limit", query.Limit) };
        if (query.AfterSequence is { } after)
        {
            conditions.Add("seq > @after");
            parameters.Add(("@after", after));
        }

        if (type is not null)
        {
            conditions.Add("type = @type");
            parameters.Add(("@type", type));
        }

        if (bound is { } beat)
        {
            conditions.Add(latest ? "seq > @bound" : "seq < @bound");
            parameters.Add(("@bound", beat));
        }

        if (query.Actor is { } actor)
        {
            conditions.Add("actor = @actor");
            parameters.Add(("@actor", actor));
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return ReadRows(
            $"SELECT {JournalColumns} FROM journal {where} ORDER BY seq {(latest ? "DESC" : "ASC")} LIMIT @limit",
            ReadEntry,
            [.. parameters]);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListWorkHolders() => ReadRows(
        """
        SELECT holder FROM locks WHERE holder IS NOT NULL AND expires_at > @now
        UNION SELECT claimer FROM queue_items WHERE status = 'claimed' AND claimer IS NOT NULL
        ORDER BY 1
        """,
        static reader => reader.GetString(0),
        ("@now", NowMs()));

    /// <inheritdoc/>
    public AbandonedWork ListHeldWork(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var now = NowMs();
        return new AbandonedWork(HeldLocks(holder, now), ClaimedItems(holder, now));
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
            var items = ClaimedItems(sessionId, now);
            foreach (var held in locks)
            {
                FreeLock(held.Resource, now);
            }

            foreach (var item in items)
            {
                UnclaimItem(item.Id);
            }

            // The journal entries last: the journal lock is then held only from here to the commit.
            foreach (var held in locks)
            {
                AppendEntry(CoordinationJournalTypes.LockReleased, CoordinationJournalTypes.LockSubject(held.Resource), actor, CoordinationJournalTypes.LockReleasedData(held, abandoned: true), now);
            }

            foreach (var item in items)
            {
                AppendEntry(CoordinationJournalTypes.QueueReleased, CoordinationJournalTypes.QueueSubject(item.Queue), actor, CoordinationJournalTypes.QueueReleasedData(item.Id, sessionId, abandoned: true), now);
            }

            return new AbandonedWork(locks, items);
        });
    }

    private List<QueueItem> ClaimedItems(string claimer, long nowMs) =>
        ReadRows($"SELECT {ItemColumns} FROM queue_items WHERE claimer = @claimer AND status = 'claimed' ORDER BY id", ReadItemRow, ("@claimer", claimer))
            .Select(row => row.ToItem(nowMs))
            .ToList();

    /// <summary>The store's clock now, in Unix milliseconds: the clock given to <see cref="Open"/>, else the database's
    /// <c>now()</c>, asked once per transaction.</summary>
    /// <inheritdoc/>
    protected override long NowMs()
    {
        if (_clock is not null)
        {
            return _clock.GetUtcNow().ToUnixTimeMilliseconds();
        }

        if (_transactionNow is { } cached)
        {
            return cached;
        }

        var now = ReadRows(DatabaseNow, static r => r.GetInt64(0))[0];
        if (_inTransaction)
        {
            _transactionNow = now;
        }

        return now;
    }

    /// <summary>Appends one journal entry in the current transaction, dated like the change it records.</summary>
    /// <returns>Its sequence number.</returns>
    protected override long AppendEntry(string type, string subject, string actor, string? data, long atMs) =>
        (long)_connection.Scalar(
            InsertJournal,
            ("@type", type),
            ("@subject", subject),
            ("@actor", actor),
            ("@at", atMs),
            ("@data", data),
            ("@origin", ProcessTable.Origin))!;

    /// <summary>Runs a change in a serializable transaction, retried when a concurrent one wins.</summary>
    /// <exception cref="StoreException">The database cannot be reached, or a statement failed.</exception>
    private T Write<T>(Func<T> body, System.Data.IsolationLevel isolation = System.Data.IsolationLevel.Serializable) => Write(body, static _ => true, isolation);

    private T Write<T>(Func<T> body, Func<T, bool> commit, System.Data.IsolationLevel isolation = System.Data.IsolationLevel.Serializable)
    {
        try
        {
            return PostgresTransactions.InWriteTransaction(
                _connection,
                () =>
                {
                    _transactionNow = null;
                    _inTransaction = true;
                    try
                    {
                        return body();
                    }
                    finally
                    {
                        _inTransaction = false;
                        _transactionNow = null;
                    }
                },
                commit,
                isolation);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw PostgresFailure.Of($"Cannot write the store {Description}: {e.Message}", e);
        }
    }

    /// <summary>Runs a read, turning a driver failure into a <see cref="StoreException"/>; inside a change's transaction the
    /// failure passes through as it is, so a lost race (SQLSTATE 40001) reaches the retry of <see cref="Write{T}(Func{T}, Func{T, bool}, System.Data.IsolationLevel)"/>.</summary>
    private T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsDriverFailure(e) && !_inTransaction)
        {
            throw PostgresFailure.Of($"Cannot read the store {Description}: {e.Message}", e);
        }
    }

    /// <summary>Whether an exception is the driver's (the server, the network, a broken connection), not one a change's
    /// own code threw (those pass through unchanged).</summary>
    private static bool IsDriverFailure(Exception e) =>
        e is NpgsqlException or TimeoutException || (e is InvalidOperationException && e.Source == typeof(NpgsqlConnection).Assembly.GetName().Name);

    private NpgsqlDataReader Run(NpgsqlCommand command) => Read(() => command.ExecuteReader());

    private List<T> ReadRows<T>(string sql, Func<NpgsqlDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = _connection.Prepare(sql, parameters);
        using var reader = Run(command);
        var rows = new List<T>();
        while (Read(reader.Read))
        {
            rows.Add(StoredRows.Map(reader, map, Description, sql));
        }

        return rows;
    }

    private static JournalEntry ReadEntry(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        Time(UnixMilliseconds.Read(r, 4)),
        Text(r, 5),
        Text(r, 6));

    private static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Time(r.GetInt64(i));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Milliseconds(TimeSpan span, string name)
    {
        var ms = (long)Math.Ceiling(span.TotalMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, 1, name);
        return ms;
    }
}
