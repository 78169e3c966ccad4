using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Machine;

namespace Baton.Storage.Sqlite;

// Journal retention (baton gc). The journal is a log: sessions, messages, state, locks, queues and handoffs live in their own
// tables, and followers read the journal from a sequence number (AUTOINCREMENT never reuses one). The one reader that needs
// old rows is prune's abandoned-work preview, which finds a holder's claimed queues through its queue.claimed entries.
public sealed partial class SqliteStore
{
    /// <summary>The most journal rows one collecting transaction deletes, so that hooks never wait long for the write lock.</summary>
    private const int CollectBatch = 10_000;

    /// <summary>Journal rows old or many enough to go: dated before <c>$cutoff</c>, or at or below <c>$over</c> (the
    /// newest row beyond the size limit). Either parameter may be null (no such limit).</summary>
    private const string Collectable = "(($cutoff IS NOT NULL AND at < $cutoff) OR ($over IS NOT NULL AND seq <= $over))";

    /// <summary>Journal rows something still needs, by their subjects (<c>lock:</c>, <c>queue:</c>, <c>handoff:</c>,
    /// <c>message:</c>, see <see cref="CoordinationJournalTypes"/> and <c>MessageJournalTypes</c>): a held lock's, a claim
    /// whose claimer still holds an item of that queue, an untaken handoff's, and a message's that someone has not read.</summary>
    private const string InUse =
        """
        (EXISTS (SELECT 1 FROM locks l
                 WHERE journal.subject GLOB 'lock:*' AND l.resource = substr(journal.subject, 6) AND l.holder IS NOT NULL)
         OR (journal.type = $claimed AND EXISTS (SELECT 1 FROM queue_items q
                 WHERE q.status = 'claimed' AND q.claimer = journal.actor AND q.queue = substr(journal.subject, 7)))
         OR EXISTS (SELECT 1 FROM handoffs h
                 WHERE journal.subject GLOB 'handoff:*' AND h.subject = substr(journal.subject, 9) AND h.taken_by IS NULL)
         OR EXISTS (SELECT 1 FROM message_recipients r
                 WHERE journal.subject GLOB 'message:*' AND r.message_id = CAST(substr(journal.subject, 9) AS INTEGER)
                   AND r.read_at IS NULL))
        """;

    /// <inheritdoc/>
    public JournalCollection CollectJournal(JournalRetention retention, string actor, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(actor);
        if (retention.MaxAge is { } age)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero, nameof(retention));
        }

        if (retention.MaxRows is { } rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rows, nameof(retention));
        }

        // The bounds are fixed first, so the entries this collection appends do not move the size limit.
        var bounds = Bounds(retention);
        var (collectable, kept) = CountCollectable(bounds);
        if (dryRun)
        {
            return new JournalCollection(collectable, kept, CountJournal(), null);
        }

        var total = 0L;
        while (true)
        {
            var batch = Write(() =>
            {
                var deleted = _connection.Execute(
                    $"DELETE FROM journal WHERE seq IN (SELECT seq FROM journal WHERE {Collectable} AND NOT {InUse} ORDER BY seq LIMIT $batch)",
                    [.. bounds, ("$batch", CollectBatch)]);
                var remaining = CountJournal() + 1;
                var now = NowMs();
                var data = JournalTypes.JournalGcData(retention, deleted, kept, remaining);
                var seq = AppendEntry(JournalTypes.JournalGc, JournalTypes.JournalSubject, actor, data, now);
                return new JournalCollection(
                    deleted, kept, remaining, new JournalEntry(seq, JournalTypes.JournalGc, JournalTypes.JournalSubject, actor, Time(now), data, ProcessTable.Origin));
            });
            total += batch.Deleted;
            if (batch.Deleted < CollectBatch)
            {
                return batch with { Deleted = total };
            }
        }
    }

    /// <summary>How many rows may go, and how many of those are kept because they are in use.</summary>
    private (long Collectable, long KeptInUse) CountCollectable((string, object?)[] bounds)
    {
        var counts = ReadRows(
            $"SELECT COUNT(*), COALESCE(SUM({InUse}), 0) FROM journal WHERE {Collectable}",
            static r => (All: r.GetInt64(0), InUse: r.GetInt64(1)),
            bounds)[0];
        return (counts.All - counts.InUse, counts.InUse);
    }

    private long CountJournal() => (long)_connection.Scalar("SELECT COUNT(*) FROM journal")!;

    /// <summary>The parameters of <see cref="Collectable"/> and <see cref="InUse"/>, by the store's clock.</summary>
    private (string, object?)[] Bounds(JournalRetention retention)
    {
        long? over = retention.MaxRows is { } rows
            ? _connection.Scalar("SELECT seq FROM journal ORDER BY seq DESC LIMIT 1 OFFSET $rows", ("$rows", rows)) as long?
            : null;
        return
        [
            ("$cutoff", retention.MaxAge is { } age ? NowMs() - (long)age.TotalMilliseconds : null),
            ("$over", over),
            ("$claimed", CoordinationJournalTypes.QueueClaimed),
        ];
    }
}
