using System.Data.Common;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Storage.Relational;

// The journal and the work a session holds, the same on every SQL store: heartbeats and events appended in their own
// transaction, journal queries read from the journal's indexes, and a session's abandoned locks and claims released in one
// change. Times are Unix milliseconds by the store's clock.
public abstract partial class RelationalStore
{
    private const string JournalColumns = "seq, type, subject, actor, at, data, origin";

    /// <inheritdoc/>
    public DateTimeOffset? Heartbeat(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return WriteChange(() =>
        {
            var now = NowMs();
            var changed = Connection.ExecuteStatement(
                "UPDATE sessions SET updated_at = @now WHERE session_id = @id AND ended_at IS NULL",
                ("@now", now),
                ("@id", sessionId));
            if (changed == 0)
            {
                return (DateTimeOffset?)null;
            }

            AppendEntry(CoordinationJournalTypes.SessionHeartbeat, JournalTypes.SessionSubject(sessionId), sessionId, null, now);
            return UnixTime(now);
        });
    }

    /// <inheritdoc/>
    public JournalEntry AppendEvent(string type, string subject, string actor, string? data)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var seq = AppendEntry(type, subject, actor, data, now);
            return new JournalEntry(seq, type, subject, actor, UnixTime(now), data, ThisProcess.Origin);
        });
    }

    /// <inheritdoc/>
    public long LastSequence() => QueryRows("SELECT COALESCE(MAX(seq), 0) FROM journal", static r => r.GetInt64(0))[0];

    /// <inheritdoc/>
    public IReadOnlyList<JournalEntry> ReadJournal(long afterSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return QueryRows(
            $"SELECT {JournalColumns} FROM journal WHERE seq > @after ORDER BY seq LIMIT @limit",
            ReadEntry,
            ("@after", afterSequence),
            ("@limit", limit));
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
    /// A journal query with a type pattern. A glob over the whole journal would read every matching entry and sort them
    /// (a broad pattern such as <c>session.*</c> matches most of the journal). Instead each matching type's entries are read
    /// from the right end of <c>journal_by_type</c> (type, seq), at most <see cref="JournalQuery.Limit"/> each and only those
    /// that could still make the answer, and the best <see cref="JournalQuery.Limit"/> overall are kept: the work grows with
    /// the number of distinct types and the limit, not with the journal.
    /// </summary>
    private List<JournalEntry> QueryJournalByType(string pattern, JournalQuery query, bool latest)
    {
        // The distinct types matching the pattern, found by a skip scan of journal_by_type: one index seek per distinct type,
        // however many entries each has.
        var matchingTypes =
            $"""
            WITH RECURSIVE types(type) AS (
                SELECT MIN(type) FROM journal
                UNION ALL
                SELECT (SELECT MIN(type) FROM journal WHERE type > types.type) FROM types WHERE types.type IS NOT NULL
            )
            SELECT type FROM types WHERE type IS NOT NULL AND {GlobMatch("type", "@type")}
            """;

        // The root of the queue is the worst entry kept: the oldest when the latest are wanted, else the newest.
        var kept = new PriorityQueue<JournalEntry, long>(query.Limit + 1);
        foreach (var type in QueryRows(matchingTypes, static r => r.GetString(0), ("@type", GlobPattern(pattern))))
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
    /// <paramref name="latest"/>, else oldest first. The WHERE clause is put together from fixed fragments only (so the
    /// database can pick an index for each combination); every value is a parameter.</summary>
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
        return QueryRows(
            $"SELECT {JournalColumns} FROM journal {where} ORDER BY seq {(latest ? "DESC" : "ASC")} LIMIT @limit",
            ReadEntry,
            [.. parameters]);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListWorkHolders() => QueryRows(
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
        return WriteChange(() =>
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

            // The journal entries last (locks, then items): a store that hands out sequence numbers under a journal lock
            // (PostgreSQL's advisory lock) then holds it only from here to the commit.
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

    private static JournalEntry ReadEntry(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        UnixTime(UnixMilliseconds.Read(r, 4)),
        NullableText(r, 5),
        NullableText(r, 6));
}
