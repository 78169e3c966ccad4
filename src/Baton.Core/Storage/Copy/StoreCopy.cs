using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;

namespace Baton.Core.Storage.Copy;

/// <summary>
/// <c>baton store copy</c>: brings one store's sessions (open and ended), journal, messages and coordination data (state,
/// locks, queues, handoffs, task lists) into another, once. A snapshot read from the source is written to the target in one
/// write transaction, so the target has all of it or none. Rows with a key (a session id, a state key, a lock's resource, a
/// handoff's subject, a task list's name) are written when the target lacks that key and left alone when it has it (a task
/// list the target has keeps its own tasks). Rows the store numbers itself (queue items, messages, journal entries) get new
/// numbers in the target, and the target remembers each by the source store's id and its number there, so a second copy
/// writes nothing; a message's thread and reply, a recipient's message and a journal entry's <c>message:</c> subject follow
/// the new numbers (ids inside journal data are kept as they were). The copy appends one <see cref="JournalTypes.StoreCopied"/>
/// entry when it wrote anything. Old journal entries without an origin, and sessions of this host without a user, are
/// given this process's (<see cref="ThisProcess.Origin"/>): the source is this user's own store.
/// </summary>
public static class StoreCopy
{
    /// <summary>The tables copied, in the order they are written.</summary>
    public static readonly IReadOnlyList<CopyTable> Tables =
    [
        new("sessions", "sessions", [
            "session_id", "name", "status", "status_reason", "cwd", "project_root", "project", "branch", "dirty", "pid",
            "process_start", "host", "transcript_path", "model", "task", "last_event", "last_tool", "started_at", "updated_at",
            "ended_at", "end_reason", "active_subagents", "stop_pending", "event_order", "launch_id", "tmux_socket", "tmux_pane",
            "notified_at", "status_since", "seen_at", "task_list", "restored_at", "process_boot_id", "process_start_ticks",
            "team_name", "agent_name", "parent_session_id", "os_user"], ["session_id"], null, ["dirty", "stop_pending"]),
        new("state", "state", ["scope", "key", "value", "version", "writer", "updated_at"], ["scope", "key"], null, []),
        new("locks", "locks", ["resource", "token", "holder", "reason", "acquired_at", "expires_at"], ["resource"], null, []),
        new("handoffs", "handoffs", ["subject", "next_steps", "context", "to_session", "created_by", "created_at", "taken_by", "taken_at"], ["subject"], null, []),
        new("queue_items", "queue_items", [
            "id", "queue", "item", "priority", "status", "enqueued_by", "enqueued_at", "claimer", "claimed_at", "lease_expires_at",
            "attempts", "completed_at", "result"], [], "id", []),
        new("messages", "messages", ["id", "thread_id", "reply_to", "sender", "body", "urgent", "created_at"], [], "id", ["urgent"]),
        new("message_recipients", "recipients", ["recipient", "message_id", "position", "taken_at", "take_token", "delivered_at", "read_at"], ["recipient", "message_id"], null, []),
        new("task_lists", "task_lists", ["name", "last_id", "created_at", "created_by"], ["name"], null, []),
        new("tasks", "tasks", [
            "list", "id", "subject", "description", "status", "owner", "priority", "role", "open_blockers", "created_at",
            "created_by", "updated_at", "updated_by", "result"], ["list", "id"], null, []),
        new("task_dependencies", "task_dependencies", ["list", "task", "blocker"], ["list", "task", "blocker"], null, []),
        new("journal", "journal", ["seq", "type", "subject", "actor", "at", "data", "origin"], [], "seq", []),
    ];

    /// <summary>The kinds a copy reports, in order: <c>sessions</c> (open), <c>history</c> (ended sessions), then one per table.</summary>
    public static IReadOnlyList<string> Kinds => ["sessions", "history", .. Tables.Skip(1).Select(t => t.Kind)];

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>.</summary>
    /// <param name="source">The store copied from.</param>
    /// <param name="target">The store copied to.</param>
    /// <param name="actor">Who copies (<c>human</c> at the command line), recorded in the copy's journal entry.</param>
    /// <returns>The rows found and copied, per kind (<see cref="Kinds"/>).</returns>
    /// <exception cref="UserErrorException">The target is the source itself.</exception>
    /// <exception cref="StoreException">A store cannot be read or written; the target is unchanged.</exception>
    public static IReadOnlyList<StoreCopyCount> Run(ICopyableStore source, ICopyableStore target, string actor)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actor);
        var snapshot = source.ReadSnapshot(Tables);
        if (string.Equals(snapshot.StoreId, target.StoreId, StringComparison.Ordinal))
        {
            throw new UserErrorException("The target is the store being copied; name another store with --to.");
        }

        return target.WriteCopy(writer => new Writing(snapshot, writer).Run(actor));
    }

    /// <summary>One run of the copy's write transaction (it may run again if the store retries).</summary>
    private sealed class Writing(StoreSnapshot snapshot, ICopyWriter writer)
    {
        private readonly Dictionary<string, (int Found, int Copied)> _counts = Kinds.ToDictionary(k => k, _ => (0, 0), StringComparer.Ordinal);
        private readonly Dictionary<long, long> _messages = [];
        private readonly HashSet<string> _newLists = new(StringComparer.Ordinal);

        public List<StoreCopyCount> Run(string actor)
        {
            foreach (var table in Tables)
            {
                foreach (var row in snapshot.Rows[table.Name])
                {
                    Copy(table, row);
                }
            }

            var counts = Kinds.Select(k => new StoreCopyCount(k, _counts[k].Found, _counts[k].Copied)).ToList();
            if (counts.Any(c => c.Copied > 0))
            {
                var copied = new JsonObject();
                foreach (var count in counts)
                {
                    copied[count.Kind] = count.Copied;
                }

                writer.AppendJournal(JournalTypes.StoreCopied, JournalTypes.StoreSubject, actor, new JsonObject
                {
                    ["source"] = snapshot.StoreId,
                    ["copied"] = copied,
                }.ToJsonString());
            }

            return counts;
        }

        private void Copy(CopyTable table, object?[] source)
        {
            var row = (object?[])source.Clone();
            switch (table.Name)
            {
                case "sessions":
                    if (row[table.IndexOf("os_user")] is null && Equals(row[table.IndexOf("host")], ThisProcess.HostName))
                    {
                        row[table.IndexOf("os_user")] = ThisProcess.UserName;
                    }

                    Count(row[table.IndexOf("ended_at")] is null ? "sessions" : "history", writer.InsertIfAbsent(table, row));
                    return;
                case "queue_items":
                    CopyNumbered(table, row, _ => { });
                    return;
                case "messages":
                    CopyMessage(table, row);
                    return;
                case "message_recipients":
                    var message = (long)row[table.IndexOf("message_id")]!;
                    if (_messages.TryGetValue(message, out var copiedMessage))
                    {
                        row[table.IndexOf("message_id")] = copiedMessage;
                        Count(table.Kind, writer.InsertIfAbsent(table, row));
                    }
                    else
                    {
                        Count(table.Kind, false);
                    }

                    return;
                case "task_lists":
                    var inserted = writer.InsertIfAbsent(table, row);
                    if (inserted)
                    {
                        _newLists.Add((string)row[0]!);
                    }

                    Count(table.Kind, inserted);
                    return;
                case "tasks" or "task_dependencies":
                    Count(table.Kind, _newLists.Contains((string)row[0]!) && writer.InsertIfAbsent(table, row));
                    return;
                case "journal":
                    CopyNumbered(table, row, JournalRow);
                    return;
                default:
                    Count(table.Kind, writer.InsertIfAbsent(table, row));
                    return;
            }
        }

        private void CopyMessage(CopyTable table, object?[] row)
        {
            var id = (long)row[table.IndexOf("id")]!;
            var thread = (long)row[table.IndexOf("thread_id")]!;
            var startsThread = thread == id || !_messages.ContainsKey(thread);
            var copied = CopyNumbered(table, row, r =>
            {
                r[table.IndexOf("thread_id")] = startsThread ? 0L : _messages[thread];
                r[table.IndexOf("reply_to")] = r[table.IndexOf("reply_to")] is long reply && _messages.TryGetValue(reply, out var to) ? to : null;
            });
            if (copied.IsNew && startsThread)
            {
                writer.SetToOwnNumber(table, "thread_id", copied.Id);
            }

            _messages[id] = copied.Id;
        }

        private void JournalRow(object?[] row)
        {
            var subject = (string)row[2]!;
            const string prefix = "message:";
            if (subject.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(subject.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && _messages.TryGetValue(id, out var copied))
            {
                row[2] = MessageJournalTypes.MessageSubject(copied);
            }

            row[6] ??= ThisProcess.Origin;
        }

        private (long Id, bool IsNew) CopyNumbered(CopyTable table, object?[] row, Action<object?[]> adapt)
        {
            var sourceId = (long)row[table.IndexOf(table.Identity!)]!;
            if (writer.CopiedNumber(snapshot.StoreId, table.Name, sourceId) is { } known)
            {
                Count(table.Kind, false);
                return (known, false);
            }

            adapt(row);
            var id = writer.InsertNumbered(table, row);
            writer.RememberCopy(snapshot.StoreId, table.Name, sourceId, id);
            Count(table.Kind, true);
            return (id, true);
        }

        private void Count(string kind, bool copied)
        {
            var (found, written) = _counts[kind];
            _counts[kind] = (found + 1, written + (copied ? 1 : 0));
        }
    }
}
