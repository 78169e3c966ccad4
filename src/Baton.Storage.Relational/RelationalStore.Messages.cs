using System.Data.Common;
using Baton.Core.Messages;
using Baton.Core.Sessions;

namespace Baton.Storage.Relational;

// Messages (IMessageStore), the same on every SQL store: tables messages and message_recipients. Each change is one write
// transaction of the store's (WriteChange) that re-reads what it decides on and appends its journal entry; refusals throw
// inside it and roll back. Where "nothing to do" can be told from a plain read (no unread message for a take, nothing
// unread to mark), it is answered without a write transaction, so hooks that find nothing never contend. Lists of ids or
// names go in as one parameter (ListValue, matched by InList), never into the SQL text. Nothing here deletes a message:
// messages outlive their sessions (SessionEnd and prune only end sessions), so history keeps the threads.
public abstract partial class RelationalStore
{
    private const string MessageColumns = "id, thread_id, reply_to, sender, body, urgent, created_at";
    private const string ReceiptColumns = "message_id, recipient, taken_at, take_token, delivered_at, read_at";

    // The threads ListThreads describes, as a common table expression "threads": those the ids in @ids (a ListValue) sent
    // or received a message in (indexes messages_by_sender and the primary key of message_recipients), or every thread.
    private string ThreadsOfParticipants => $"""
        WITH threads (thread_id) AS (
            SELECT thread_id FROM messages WHERE {InList("sender", "@ids")}
            UNION
            SELECT m.thread_id FROM message_recipients r JOIN messages m ON m.id = r.message_id
            WHERE {InList("r.recipient", "@ids")})

        """;

    private const string ThreadsOfEveryone = """
        WITH threads (thread_id) AS (SELECT DISTINCT thread_id FROM messages)

        """;

    // One row per message of those threads and each of its participants (sender, then recipients by position), in
    // thread order, all read in one statement so the counts and the participants agree.
    private const string ThreadParticipantRows = """
        SELECT m.thread_id, m.id, m.created_at, -1 AS position, m.sender FROM messages m WHERE m.thread_id IN (SELECT thread_id FROM threads)
        UNION ALL
        SELECT m.thread_id, m.id, m.created_at, r.position, r.recipient FROM messages m JOIN message_recipients r ON r.message_id = m.id
        WHERE m.thread_id IN (SELECT thread_id FROM threads)
        ORDER BY 1, 2, 4
        """;

    /// <inheritdoc/>
    public Message SendMessage(MessageDraft draft, int inboxLimit)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentOutOfRangeException.ThrowIfLessThan(inboxLimit, 1);
        if (draft.Recipients.Count == 0)
        {
            throw new ArgumentException("A message needs at least one recipient.", nameof(draft));
        }

        return WriteChange(() =>
        {
            var now = NowMs();
            foreach (var recipient in draft.Recipients)
            {
                if (recipient == SessionRegistry.HumanActor)
                {
                    continue;
                }

                var session = QueryRows("SELECT status, ended_at FROM sessions WHERE session_id = @id", r => (Status: r.GetString(0), Ended: !r.IsDBNull(1)), ("@id", recipient));
                if (session.Count == 0 || session[0].Ended)
                {
                    throw new RecipientUnavailableException(recipient, session.Count == 0 ? null : session[0].Status);
                }
            }

            foreach (var recipient in draft.DeliveredBy is null ? draft.Recipients : [])
            {
                var unread = QueryCount("SELECT CAST(COUNT(*) AS INTEGER) FROM message_recipients WHERE recipient = @r AND read_at IS NULL", ("@r", recipient));
                if (unread >= inboxLimit)
                {
                    throw new InboxFullException(recipient, unread, inboxLimit);
                }
            }

            long? thread = null;
            if (draft.ReplyTo is { } parent)
            {
                thread = QueryRows("SELECT thread_id FROM messages WHERE id = @id", r => (long?)r.GetInt64(0), ("@id", parent)).SingleOrDefault()
                    ?? throw new ArgumentException($"There is no message {parent} to reply to.", nameof(draft));
            }
            else if (draft.ThreadId is { } joined)
            {
                thread = QueryCount("SELECT CAST(COUNT(*) AS INTEGER) FROM (SELECT 1 FROM messages WHERE thread_id = @t LIMIT 1) AS found", ("@t", joined)) > 0
                    ? joined
                    : throw new ArgumentException($"There is no thread {joined}.", nameof(draft));
            }

            var id = (long)Connection.QueryValue(
                "INSERT INTO messages (thread_id, reply_to, sender, body, urgent, created_at) VALUES (@thread, @reply, @sender, @body, @urgent, @now) RETURNING id",
                ("@thread", thread ?? 0),
                ("@reply", draft.ReplyTo),
                ("@sender", draft.Sender),
                ("@body", draft.Body),
                ("@urgent", draft.Urgent),
                ("@now", now))!;
            if (thread is null)
            {
                Connection.ExecuteStatement("UPDATE messages SET thread_id = id WHERE id = @id", ("@id", id));
            }

            for (var i = 0; i < draft.Recipients.Count; i++)
            {
                Connection.ExecuteStatement(
                    "INSERT INTO message_recipients (recipient, message_id, position, delivered_at, read_at) VALUES (@r, @id, @p, @delivered, @delivered)",
                    ("@r", draft.Recipients[i]),
                    ("@id", id),
                    ("@p", i),
                    ("@delivered", draft.DeliveredBy is null ? null : now));
            }

            var sent = new Message
            {
                Id = id,
                ThreadId = thread ?? id,
                ReplyTo = draft.ReplyTo,
                Sender = draft.Sender,
                Body = draft.Body,
                Urgent = draft.Urgent,
                CreatedAt = UnixTime(now),
                Recipients = [.. draft.Recipients.Select(r => draft.DeliveredBy is null ? new MessageReceipt(r, null, null, null, null) : new MessageReceipt(r, null, null, UnixTime(now), UnixTime(now)))],
            };
            AppendEntry(MessageJournalTypes.Sent, MessageJournalTypes.MessageSubject(id), draft.Sender, MessageJournalTypes.SentData(sent, draft.DeliveredBy), now);
            return sent;
        });
    }

    /// <inheritdoc/>
    public Message? GetMessage(long id) => LoadMessages([id]).SingleOrDefault();

    /// <inheritdoc/>
    public IReadOnlyList<Message> GetThread(long threadId) =>
        LoadMessages(QueryRows("SELECT id FROM messages WHERE thread_id = @t ORDER BY id", r => r.GetInt64(0), ("@t", threadId)));

    /// <inheritdoc/>
    public IReadOnlyList<Message> ReadInbox(string recipient, bool unreadOnly, bool markRead, int limit, string actor)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var shown = LoadMessages(InboxIds(recipient, unreadOnly, limit));
        if (!markRead || !shown.Any(m => m.ReceiptOf(recipient) is { IsRead: false }))
        {
            return shown;
        }

        return WriteChange(() =>
        {
            var now = NowMs();
            var messages = LoadMessages(InboxIds(recipient, unreadOnly, limit));
            var unread = messages.Where(m => m.ReceiptOf(recipient) is { IsRead: false }).Select(m => m.Id).ToList();
            if (unread.Count > 0)
            {
                Connection.ExecuteStatement(
                    $"UPDATE message_recipients SET read_at = @now WHERE recipient = @r AND read_at IS NULL AND {InList("message_id", "@ids")}",
                    ("@now", now),
                    ("@r", recipient),
                    ("@ids", ListValue(unread)));
                AppendEntry(MessageJournalTypes.Read, MessageJournalTypes.InboxSubject(recipient), actor, MessageJournalTypes.ReadData(unread), now);
            }

            return messages;
        });
    }

    /// <inheritdoc/>
    public InboxCounts CountInbox(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return QueryRows(
            "SELECT CAST(COUNT(*) AS INTEGER), CAST(COUNT(CASE WHEN read_at IS NULL THEN 1 END) AS INTEGER) FROM message_recipients WHERE recipient = @r",
            r => new InboxCounts(r.GetInt32(0), r.GetInt32(1)),
            ("@r", recipient)).Single();
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, int> CountUnread() => QueryRows(
            "SELECT recipient, CAST(COUNT(*) AS INTEGER) FROM message_recipients WHERE read_at IS NULL GROUP BY recipient ORDER BY recipient",
            r => (Recipient: r.GetString(0), Count: r.GetInt32(1)))
        .ToDictionary(p => p.Recipient, p => p.Count, StringComparer.Ordinal);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, IReadOnlyList<ThreadParticipation>> ListThreads(IReadOnlyCollection<string>? participants)
    {
        var wanted = participants?.ToHashSet(StringComparer.Ordinal);
        var rows = wanted switch
        {
            null => QueryRows(ThreadsOfEveryone + ThreadParticipantRows, ReadThreadRow),
            { Count: 0 } => [],
            _ => QueryRows(ThreadsOfParticipants + ThreadParticipantRows, ReadThreadRow, ("@ids", ListValue(wanted))),
        };
        return rows
            .GroupBy(r => r.ThreadId)
            .SelectMany(thread => Participations(thread, wanted))
            .GroupBy(p => p.Participant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ThreadParticipation>)[.. g.Select(p => p.Thread)], StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Message> TakeForDelivery(string recipient, string token, TimeSpan staleAfter, int limit, int characters)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        var staleMs = DurationMs(staleAfter, nameof(staleAfter));
        if (QueryCount("SELECT CAST(COUNT(*) AS INTEGER) FROM (SELECT 1 FROM message_recipients WHERE recipient = @r AND read_at IS NULL LIMIT 1) AS found", ("@r", recipient)) == 0)
        {
            return [];
        }

        return WriteChange(() =>
        {
            var now = NowMs();
            var rows = QueryRows(
                """
                SELECT r.message_id, r.taken_at, r.take_token, CAST(length(m.body) AS BIGINT)
                FROM message_recipients r JOIN messages m ON m.id = r.message_id
                WHERE r.recipient = @r AND r.read_at IS NULL ORDER BY r.message_id LIMIT @limit
                """,
                r => (Id: r.GetInt64(0), TakenAt: r.IsDBNull(1) ? (long?)null : r.GetInt64(1), Token: NullableText(r, 2), Length: r.GetInt64(3)),
                ("@r", recipient),
                ("@limit", limit));
            var taken = new List<long>();
            var retaken = new List<long>();
            var length = 0L;
            foreach (var row in rows)
            {
                length += row.Length;
                if (taken.Count > 0 && length > characters)
                {
                    break; // the rest waits for the next take, in order.
                }

                if (row.TakenAt is { } at && row.Token != token)
                {
                    if (at > now - staleMs)
                    {
                        break; // another run holds a live claim: nothing after it may overtake it.
                    }

                    retaken.Add(row.Id);
                }

                taken.Add(row.Id);
            }

            if (taken.Count == 0)
            {
                return (IReadOnlyList<Message>)[];
            }

            Connection.ExecuteStatement(
                $"UPDATE message_recipients SET taken_at = @now, take_token = @token WHERE recipient = @r AND {InList("message_id", "@ids")}",
                ("@now", now),
                ("@token", token),
                ("@r", recipient),
                ("@ids", ListValue(taken)));
            AppendEntry(MessageJournalTypes.Taken, MessageJournalTypes.InboxSubject(recipient), recipient, MessageJournalTypes.TakenData(taken, token, retaken), now);
            return LoadMessages(taken);
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> ConfirmDelivered(string recipient, string token)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(token);
        return WriteChange(() =>
        {
            var now = NowMs();
            var ids = QueryRows(
                "SELECT message_id FROM message_recipients WHERE recipient = @r AND take_token = @token AND delivered_at IS NULL ORDER BY message_id",
                r => r.GetInt64(0),
                ("@r", recipient),
                ("@token", token));
            if (ids.Count == 0)
            {
                return (IReadOnlyList<long>)[];
            }

            Connection.ExecuteStatement(
                "UPDATE message_recipients SET delivered_at = @now, read_at = COALESCE(read_at, @now) WHERE recipient = @r AND take_token = @token AND delivered_at IS NULL",
                ("@now", now),
                ("@r", recipient),
                ("@token", token));
            AppendEntry(MessageJournalTypes.Delivered, MessageJournalTypes.InboxSubject(recipient), recipient, MessageJournalTypes.DeliveredData(ids, token), now);
            return ids;
        });
    }

    private List<long> InboxIds(string recipient, bool unreadOnly, int limit)
    {
        if (unreadOnly)
        {
            return QueryRows(
                "SELECT message_id FROM message_recipients WHERE recipient = @r AND read_at IS NULL ORDER BY message_id LIMIT @limit",
                r => r.GetInt64(0),
                ("@r", recipient),
                ("@limit", limit));
        }

        var latest = QueryRows(
            "SELECT message_id FROM message_recipients WHERE recipient = @r ORDER BY message_id DESC LIMIT @limit",
            r => r.GetInt64(0),
            ("@r", recipient),
            ("@limit", limit));
        latest.Reverse();
        return latest;
    }

    /// <summary>Reads messages with their receipts, in the order of <paramref name="ids"/>; unknown ids are left out.</summary>
    private List<Message> LoadMessages(List<long> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var array = ListValue(ids);
        var receipts = QueryRows(
                $"SELECT {ReceiptColumns} FROM message_recipients WHERE {InList("message_id", "@ids")} ORDER BY message_id, position",
                r => (MessageId: r.GetInt64(0), Receipt: new MessageReceipt(r.GetString(1), UnixTime(r, 2), NullableText(r, 3), UnixTime(r, 4), UnixTime(r, 5))),
                ("@ids", array))
            .ToLookup(p => p.MessageId, p => p.Receipt);
        var byId = QueryRows(
                $"SELECT {MessageColumns} FROM messages WHERE {InList("id", "@ids")}",
                r => new Message
                {
                    Id = r.GetInt64(0),
                    ThreadId = r.GetInt64(1),
                    ReplyTo = r.IsDBNull(2) ? null : r.GetInt64(2),
                    Sender = r.GetString(3),
                    Body = r.GetString(4),
                    Urgent = r.GetBoolean(5),
                    CreatedAt = UnixTime(r.GetInt64(6)),
                    Recipients = [.. receipts[r.GetInt64(0)]],
                },
                ("@ids", array))
            .ToDictionary(m => m.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>Runs a query for one count (an <c>INTEGER</c> in its first column).</summary>
    private int QueryCount(string sql, params (string, object?)[] parameters) =>
        QueryRows(sql, r => r.GetInt32(0), parameters).Single();

    /// <summary>One thread described for each of its participants that is <paramref name="wanted"/> (null: all).</summary>
    private static IEnumerable<(string Participant, ThreadParticipation Thread)> Participations(IGrouping<long, ThreadRow> thread, HashSet<string>? wanted)
    {
        var everyone = thread.Select(r => r.Participant).Distinct(StringComparer.Ordinal).ToList();
        var messages = thread.Select(r => r.MessageId).Distinct().Count();
        var first = UnixTime(thread.Min(r => r.CreatedAt));
        var last = UnixTime(thread.Max(r => r.CreatedAt));
        return everyone
            .Where(participant => wanted is null || wanted.Contains(participant))
            .Select(participant => (participant, new ThreadParticipation(
                thread.Key, messages, first, last, [.. everyone.Where(other => !string.Equals(other, participant, StringComparison.Ordinal))])));
    }

    private static ThreadRow ReadThreadRow(DbDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(4));

    /// <summary>A row of <see cref="ThreadParticipantRows"/>: one participant of one message of a thread.</summary>
    private readonly record struct ThreadRow(long ThreadId, long MessageId, long CreatedAt, string Participant);
}
