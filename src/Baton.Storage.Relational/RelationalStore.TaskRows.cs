using System.Data.Common;
using Baton.Core.Tasks;

namespace Baton.Storage.Relational;

// How the shared task code reads tasks: a row of table tasks, completed with its edges in task_dependencies (its blockers,
// which of them are open, the tasks it blocks) in two indexed queries per list, whatever the number of rows.
public abstract partial class RelationalStore
{
    private const string TaskColumns =
        "list, id, subject, description, status, owner, priority, role, open_blockers, created_at, created_by, updated_at, updated_by, result";

    /// <summary>Reads one task's row; <paramref name="locked"/> reads it with <see cref="ClaimRowLock"/>.</summary>
    private StoredTask? TaskRow(string list, long id, bool locked = false) => QueryRows(
            $"SELECT {TaskColumns} FROM tasks WHERE list = @list AND id = @id{(locked ? ClaimRowLock(skipLocked: false) : "")}",
            ReadTaskRow,
            ("@list", list),
            ("@id", id))
        .SingleOrDefault();

    /// <summary>Reads one task with its dependencies; <paramref name="locked"/> reads its row with <see cref="ClaimRowLock"/>.</summary>
    private TaskItem? LoadTask(string list, long id, bool locked = false) => TaskRow(list, id, locked) is { } row ? WithDependencies([row])[0] : null;

    private static StoredTask ReadTaskRow(DbDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        NullableText(r, 5),
        r.GetInt32(6),
        NullableText(r, 7),
        UnixMilliseconds.Read(r, 9),
        r.GetString(10),
        UnixMilliseconds.Read(r, 11),
        r.GetString(12),
        NullableText(r, 13));

    /// <summary>A row of <c>tasks</c>, times in Unix milliseconds.</summary>
    private sealed record StoredTask(
        string List,
        long Id,
        string Subject,
        string Description,
        string Status,
        string? Owner,
        int Priority,
        string? Role,
        long CreatedAt,
        string CreatedBy,
        long UpdatedAt,
        string UpdatedBy,
        string? Result)
    {
        /// <summary>The task with its dependencies.</summary>
        public TaskItem ToItem(IReadOnlyList<long> blockedBy, IReadOnlyList<long> openBlockers, IReadOnlyList<long> blocks) => new()
        {
            List = List,
            Id = Id,
            Subject = Subject,
            Description = Description,
            Status = TaskJournalTypes.ParseStatus(Status) ?? TaskItemStatus.Pending,
            Owner = Owner,
            BlockedBy = blockedBy,
            OpenBlockers = openBlockers,
            Blocks = blocks,
            Priority = Priority,
            Role = Role,
            CreatedAt = UnixTime(CreatedAt),
            CreatedBy = CreatedBy,
            UpdatedAt = UnixTime(UpdatedAt),
            UpdatedBy = UpdatedBy,
            Result = Result,
        };
    }

    /// <summary>Completes rows with their blockers (and which are open) and the tasks they block: two indexed queries per list
    /// the rows are in, whatever their number.</summary>
    private List<TaskItem> WithDependencies(List<StoredTask> rows)
    {
        var done = new Dictionary<(string List, long Id), TaskItem>();
        foreach (var group in rows.GroupBy(r => r.List, StringComparer.Ordinal))
        {
            var ids = ListValue(group.Select(r => r.Id));
            var blockedBy = QueryRows(
                $"""
                SELECT d.task, d.blocker, b.status FROM task_dependencies d
                JOIN tasks b ON b.list = d.list AND b.id = d.blocker
                WHERE d.list = @list AND {InList("d.task", "@ids")}
                """,
                static r => (Task: r.GetInt64(0), Blocker: r.GetInt64(1), Open: r.GetString(2) != "completed"),
                ("@list", group.Key),
                ("@ids", ids)).ToLookup(d => d.Task);
            var blocks = QueryRows(
                $"SELECT blocker, task FROM task_dependencies WHERE list = @list AND {InList("blocker", "@ids")}",
                static r => (Blocker: r.GetInt64(0), Task: r.GetInt64(1)),
                ("@list", group.Key),
                ("@ids", ids)).ToLookup(d => d.Blocker);
            foreach (var row in group)
            {
                // Ordered here, not in SQL: an ORDER BY on the other column made SQLite walk the list's whole index to
                // return rows in order (73 ms a task at 100,000 tasks) instead of seeking each id.
                var waits = blockedBy[row.Id].OrderBy(d => d.Blocker).ToList();
                done[(row.List, row.Id)] = row.ToItem(
                    [.. waits.Select(d => d.Blocker)],
                    [.. waits.Where(d => d.Open).Select(d => d.Blocker)],
                    [.. blocks[row.Id].Select(d => d.Task).Order()]);
            }
        }

        return [.. rows.Select(r => done[(r.List, r.Id)])];
    }
}
