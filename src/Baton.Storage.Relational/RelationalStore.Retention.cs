using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Storage.Relational;

// Journal retention (baton gc), the same on every SQL store. The journal is a log: sessions, messages, state, locks, queues
// and handoffs live in their own tables, and followers read the journal from a sequence number (neither SQLite's
// AUTOINCREMENT nor PostgreSQL's identity column ever reuses one). The one reader that needs old rows is prune's
// abandoned-work preview, which finds a holder's claimed queues through its queue.claimed entries.
public abstract partial class RelationalStore
{
    /// <summary>The most journal rows one collecting transaction deletes, so that hooks never wait long for the write lock.</summary>
    private const int CollectBatch = 10_000;

    /// <summary>Journal rows old or many enough to go: dated before <c>@cutoff</c>, or at or below <c>@over</c> (the
    /// newest row beyond the size limit). Either parameter may be null (no such limit).</summary>
    private const string Collectable =
        "((CAST(@cutoff AS BIGINT) IS NOT NULL AND at < @cutoff) OR (CAST(@over AS BIGINT) IS NOT NULL AND seq <= @over))";

    /// <summary>The dialect's condition that a row <c>r</c> of <c>message_recipients</c> is of the message whose journal
    /// entries have the subject <c>message:ID</c> (<c>journal.subject</c>, see <c>MessageJournalTypes</c>).</summary>
    protected abstract string RecipientOfMessageSubject { get; }

    /// <summary>Journal rows something still needs, by their subjects (<c>lock:</c>, <c>queue:</c>, <c>handoff:</c>,
    /// <c>message:</c>, see <see cref="CoordinationJournalTypes"/> and <c>MessageJournalTypes</c>): a held lock's, a claim
    /// whose claimer still holds an item of that queue, an untaken handoff's, and a message's that someone has not read.</summary>
    private string InUse =>
        $"""
        (EXISTS (SELECT 1 FROM locks l
                 WHERE substr(journal.subject, 1, 5) = 'lock:' AND l.resource = substr(journal.subject, 6) AND l.holder IS NOT NULL)
         OR (journal.type = @claimed AND EXISTS (SELECT 1 FROM queue_items q
                 WHERE q.status = 'claimed' AND q.claimer = journal.actor AND q.queue = substr(journal.subject, 7)))
         OR EXISTS (SELECT 1 FROM handoffs h
                 WHERE substr(journal.subject, 1, 8) = 'handoff:' AND h.subject = substr(journal.subject, 9) AND h.taken_by IS NULL)
         OR EXISTS (SELECT 1 FROM message_recipients r
                 WHERE substr(journal.subject, 1, 8) = 'message:' AND {RecipientOfMessageSubject} AND r.read_at IS NULL))
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
            var batch = WriteChange(() =>
            {
                var deleted = Connection.ExecuteStatement(
                    $"DELETE FROM journal WHERE seq IN (SELECT seq FROM journal WHERE {Collectable} AND NOT {InUse} ORDER BY seq LIMIT @batch)",
                    [.. bounds, ("@batch", CollectBatch)]);
                var remaining = CountJournal() + 1;
                var now = NowMs();
                var data = JournalTypes.JournalGcData(retention, deleted, kept, remaining);
                var seq = AppendEntry(JournalTypes.JournalGc, JournalTypes.JournalSubject, actor, data, now);
                return new JournalCollection(
                    deleted, kept, remaining, new JournalEntry(seq, JournalTypes.JournalGc, JournalTypes.JournalSubject, actor, UnixTime(now), data, ThisProcess.Origin));
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
        var counts = QueryRows(
            $"SELECT COUNT(*), COUNT(CASE WHEN {InUse} THEN 1 END) FROM journal WHERE {Collectable}",
            static r => (All: r.GetInt64(0), InUse: r.GetInt64(1)),
            bounds)[0];
        return (counts.All - counts.InUse, counts.InUse);
    }

    private long CountJournal() => (long)Connection.QueryValue("SELECT COUNT(*) FROM journal")!;

    /// <summary>The parameters of <see cref="Collectable"/> and <see cref="InUse"/>, by the store's clock.</summary>
    private (string, object?)[] Bounds(JournalRetention retention)
    {
        long? over = retention.MaxRows is { } rows
            ? Connection.QueryValue("SELECT seq FROM journal ORDER BY seq DESC LIMIT 1 OFFSET @rows", ("@rows", rows)) as long?
            : null;
        return
        [
            ("@cutoff", retention.MaxAge is { } age ? NowMs() - (long)age.TotalMilliseconds : null),
            ("@over", over),
            ("@claimed", CoordinationJournalTypes.QueueClaimed),
        ];
    }
}
