using System.Data;
using Baton.Core.Tasks;
using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

// Shared task lists (ITaskStore) in the same schema: tables task_lists, tasks and task_dependencies (schema migration 2).
// Each change is one serializable transaction (see PostgresTransactions) that re-reads the task it decides on and appends
// its journal entry; refusals roll back. Claims decide by row locks instead, as the queues' claim_next does: READ COMMITTED,
// the task's row locked (FOR UPDATE; a claim-next skips rows other claimers hold, SKIP LOCKED), and its readiness judged on
// the newest version of the row, so of racing claimers exactly one wins and the others are told the owner, without aborting
// one another. tasks.open_blockers (the blockers not completed) is kept in the same transaction as every change that moves
// it: adding or removing an edge, completing or deleting a blocker. An empty ready set seen by a plain read is answered
// without a write transaction.
public sealed partial class PostgresStore : ITaskStore
{
    private const string TaskColumns =
        "list, id, subject, description, status, owner, priority, role, open_blockers, created_at, created_by, updated_at, updated_by, result";

    private const string NextReady =
        "SELECT id FROM tasks WHERE list = @list AND status = 'pending' AND owner IS NULL AND open_blockers = 0 " +
        "AND (@role::text IS NULL OR role = @role) ORDER BY priority DESC, id LIMIT 1";

    /// <summary><see cref="NextReady"/>, the row locked for this transaction: other claimers skip it and take the next; a row
    /// claimed and committed meanwhile no longer matches when it is locked and is passed over.</summary>
    private const string LockNextReady = NextReady + " FOR UPDATE SKIP LOCKED";

    private const string Unfinished = "status IN ('pending', 'in_progress')";

    /// <inheritdoc/>
    public TaskItem AddTask(NewTask task, string actor)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            var blockers = ReadRows(
                "SELECT id, status FROM tasks WHERE list = @list AND id = ANY(@ids)",
                static r => (Id: r.GetInt64(0), Status: r.GetString(1)),
                ("@list", task.List),
                ("@ids", task.BlockedBy.ToArray()));
            if (task.BlockedBy.FirstOrDefault(id => blockers.All(b => b.Id != id)) is var missing and > 0)
            {
                throw TaskGraphException.UnknownBlocker(task.List, missing);
            }

            _connection.Execute(
                "INSERT INTO task_lists (name, last_id, created_at, created_by) VALUES (@list, 0, @now, @actor) ON CONFLICT (name) DO NOTHING",
                ("@list", task.List),
                ("@now", now),
                ("@actor", actor));
            var id = (long)_connection.Scalar("UPDATE task_lists SET last_id = last_id + 1 WHERE name = @list RETURNING last_id", ("@list", task.List))!;
            _connection.Execute(
                """
                INSERT INTO tasks (list, id, subject, description, status, priority, role, open_blockers, created_at, created_by, updated_at, updated_by)
                VALUES (@list, @id, @subject, @description, 'pending', @priority, @role, @open, @now, @actor, @now, @actor)
                """,
                ("@list", task.List),
                ("@id", id),
                ("@subject", task.Subject),
                ("@description", task.Description),
                ("@priority", task.Priority),
                ("@role", task.Role),
                ("@open", blockers.Count(b => b.Status != "completed")),
                ("@now", now),
                ("@actor", actor));
            _connection.Execute(
                "INSERT INTO task_dependencies (list, task, blocker) SELECT @list, @task, blocker FROM unnest(@ids) AS blocker",
                ("@list", task.List),
                ("@task", id),
                ("@ids", task.BlockedBy.ToArray()));

            var added = LoadTask(task.List, id)!;
            AppendEntry(TaskJournalTypes.Created, TaskJournalTypes.Subject(task.List), actor, TaskJournalTypes.CreatedData(added), now);
            return added;
        });
    }

    /// <inheritdoc/>
    public TaskItem? GetTask(string list, long id)
    {
        ArgumentNullException.ThrowIfNull(list);
        return LoadTask(list, id);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TaskItem> ListTasks(string list, TaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.Limit, 1);
        var ready = filter.ReadyOnly
            ? "AND status = 'pending' AND owner IS NULL AND open_blockers = 0 AND (@role::text IS NULL OR role = @role) ORDER BY priority DESC, id"
            : "ORDER BY id";
        var rows = ReadRows(
            $"SELECT {TaskColumns} FROM tasks WHERE list = @list AND (@status::text IS NULL OR status = @status) AND (@owner::text IS NULL OR owner = @owner) {ready} LIMIT @limit",
            ReadTaskRow,
            ("@list", list),
            ("@status", filter.Status is { } s ? TaskJournalTypes.StatusName(s) : null),
            ("@owner", filter.Owner),
            ("@role", filter.Role),
            ("@limit", filter.Limit));
        return WithDependencies(rows);
    }

    /// <inheritdoc/>
    public TaskListSummary? GetTaskList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Summaries(list).SingleOrDefault();
    }

    /// <inheritdoc/>
    public IReadOnlyList<TaskListSummary> ListTaskLists() => Summaries(null);

    /// <inheritdoc/>
    public TaskItem? ClaimTask(string list, long? id, string? role, string owner)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(owner);
        if (id is null && ReadRows(NextReady, static r => r.GetInt64(0), ("@list", list), ("@role", role)).Count == 0)
        {
            return null;
        }

        return Write(
            () =>
            {
                var now = NowMs();
                long chosen;
                if (id is { } given)
                {
                    if (LoadTask(list, given, locked: true) is not { } task)
                    {
                        return null;
                    }

                    if (task.Owner == owner && task.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
                    {
                        return task;
                    }

                    RefuseUnlessReady(task, owner, "claim");
                    chosen = given;
                }
                else if (ReadRows(LockNextReady, static r => r.GetInt64(0), ("@list", list), ("@role", role)) is [var next])
                {
                    chosen = next;
                }
                else
                {
                    return null;
                }

                _connection.Execute(
                    "UPDATE tasks SET owner = @owner, updated_at = @now, updated_by = @owner WHERE list = @list AND id = @id",
                    ("@owner", owner),
                    ("@now", now),
                    ("@list", list),
                    ("@id", chosen));
                AppendEntry(TaskJournalTypes.Claimed, TaskJournalTypes.Subject(list), owner, TaskJournalTypes.ClaimedData(chosen), now);
                return LoadTask(list, chosen);
            },
            IsolationLevel.ReadCommitted);
    }

    /// <inheritdoc/>
    public TaskItem? ChangeTaskStatus(string list, long id, TaskItemStatus status, string? result, string actor, bool force)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        if (status == TaskItemStatus.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A task goes back to pending by a release.");
        }

        var action = status switch
        {
            TaskItemStatus.InProgress => "start",
            TaskItemStatus.Completed => "complete",
            _ => "cancel",
        };
        return Write(() =>
        {
            var now = NowMs();
            if (LoadTask(list, id) is not { } task)
            {
                return null;
            }

            if (task.Status == status && task.Owner == actor)
            {
                return task;
            }

            if (task.Status is TaskItemStatus.Completed or TaskItemStatus.Cancelled)
            {
                throw TaskConflictException.WrongStatus(task, action);
            }

            var forced = task.Owner is { } held && held != actor;
            if (forced && !force)
            {
                throw TaskConflictException.OwnedByOther(task, actor, action);
            }

            if (status != TaskItemStatus.Cancelled && task.OpenBlockers.Count > 0)
            {
                throw TaskConflictException.Blocked(task, LoadTask(list, task.OpenBlockers[0])!, action);
            }

            // Starting or completing an unowned task takes it for the actor; cancelling leaves it unowned.
            var owner = task.Owner ?? (status == TaskItemStatus.Cancelled ? null : actor);
            _connection.Execute(
                "UPDATE tasks SET status = @status, owner = @owner, result = COALESCE(@result, result), updated_at = @now, updated_by = @actor WHERE list = @list AND id = @id",
                ("@status", TaskJournalTypes.StatusName(status)),
                ("@owner", owner),
                ("@result", status == TaskItemStatus.Completed ? result : null),
                ("@now", now),
                ("@actor", actor),
                ("@list", list),
                ("@id", id));
            if (status == TaskItemStatus.Completed)
            {
                FreeWaiting(list, id);
            }

            AppendEntry(
                TaskJournalTypes.StatusChanged,
                TaskJournalTypes.Subject(list),
                actor,
                TaskJournalTypes.StatusChangedData(id, task.Status, status, owner, forced),
                now);
            return LoadTask(list, id);
        });
    }

    /// <inheritdoc/>
    public TaskItem? ReleaseTask(string list, long id, string actor, bool force)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            if (LoadTask(list, id) is not { } task)
            {
                return null;
            }

            if (task.Status is TaskItemStatus.Completed or TaskItemStatus.Cancelled)
            {
                throw TaskConflictException.WrongStatus(task, "release");
            }

            if (task.Owner is not { } owner)
            {
                throw new TaskConflictException(task, $"Cannot release {TaskConflictException.Label(task)}: nobody owns it.");
            }

            var forced = owner != actor;
            if (forced && !force)
            {
                throw TaskConflictException.OwnedByOther(task, actor, "release");
            }

            Unown(list, id, actor, now);
            AppendEntry(TaskJournalTypes.Released, TaskJournalTypes.Subject(list), actor, TaskJournalTypes.ReleasedData(id, owner, abandoned: false, forced), now);
            return LoadTask(list, id);
        });
    }

    /// <inheritdoc/>
    public TaskItem? AddTaskDependency(string list, long id, long blocker, string actor)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            if (LoadTask(list, id) is not { } task)
            {
                return null;
            }

            if (TaskRow(list, blocker) is not { } on)
            {
                throw TaskGraphException.UnknownBlocker(list, blocker);
            }

            if (task.BlockedBy.Contains(blocker))
            {
                return task;
            }

            if (PathBetween(list, blocker, id) is { } path)
            {
                throw TaskGraphException.Cycle(list, [id, .. path]);
            }

            _connection.Execute(
                "INSERT INTO task_dependencies (list, task, blocker) VALUES (@list, @task, @blocker)",
                ("@list", list),
                ("@task", id),
                ("@blocker", blocker));
            Touch(list, id, actor, now, on.Status != "completed" ? 1 : 0);
            AppendEntry(TaskJournalTypes.Blocked, TaskJournalTypes.Subject(list), actor, TaskJournalTypes.DependencyData(id, blocker), now);
            return LoadTask(list, id);
        });
    }

    /// <inheritdoc/>
    public TaskItem? RemoveTaskDependency(string list, long id, long blocker, string actor)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            if (LoadTask(list, id) is not { } task)
            {
                return null;
            }

            if (!task.BlockedBy.Contains(blocker))
            {
                return task;
            }

            _connection.Execute(
                "DELETE FROM task_dependencies WHERE list = @list AND task = @task AND blocker = @blocker",
                ("@list", list),
                ("@task", id),
                ("@blocker", blocker));
            Touch(list, id, actor, now, task.OpenBlockers.Contains(blocker) ? -1 : 0);
            AppendEntry(TaskJournalTypes.Unblocked, TaskJournalTypes.Subject(list), actor, TaskJournalTypes.DependencyData(id, blocker), now);
            return LoadTask(list, id);
        });
    }

    /// <inheritdoc/>
    public TaskItem? DeleteTask(string list, long id, string actor, bool force)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            if (LoadTask(list, id) is not { } task)
            {
                return null;
            }

            if (task.Owner is { } owner && owner != actor && !force && task.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
            {
                throw TaskConflictException.OwnedByOther(task, actor, "delete");
            }

            if (task.Status != TaskItemStatus.Completed)
            {
                FreeWaiting(list, id);
            }

            _connection.Execute("DELETE FROM task_dependencies WHERE list = @list AND (task = @id OR blocker = @id)", ("@list", list), ("@id", id));
            _connection.Execute("DELETE FROM tasks WHERE list = @list AND id = @id", ("@list", list), ("@id", id));
            AppendEntry(TaskJournalTypes.Deleted, TaskJournalTypes.Subject(list), actor, TaskJournalTypes.DeletedData(task), now);
            return task;
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<TaskItem> ListOwnedTasks(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return OwnedTasks(owner);
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ListTaskOwners() => ReadRows(
        $"SELECT DISTINCT owner FROM tasks WHERE owner IS NOT NULL AND {Unfinished} ORDER BY owner",
        static r => r.GetString(0));

    /// <inheritdoc/>
    public IReadOnlyList<TaskItem> ReleaseAbandonedTasks(string owner, string actor)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(actor);
        return Write(() =>
        {
            var now = NowMs();
            var owned = OwnedTasks(owner);
            foreach (var task in owned)
            {
                Unown(task.List, task.Id, actor, now);
            }

            // The journal entries last: the journal lock is then held only from here to the commit.
            foreach (var task in owned)
            {
                AppendEntry(TaskJournalTypes.Released, TaskJournalTypes.Subject(task.List), actor, TaskJournalTypes.ReleasedData(task.Id, owner, abandoned: true, forced: false), now);
            }

            return owned;
        });
    }

    /// <summary>Refuses a claim of a task that is not ready, naming its owner, its open blocker or its status.</summary>
    private void RefuseUnlessReady(TaskItem task, string actor, string action)
    {
        if (task.Owner is not null && task.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
        {
            throw TaskConflictException.OwnedByOther(task, actor, action);
        }

        if (task.Status != TaskItemStatus.Pending)
        {
            throw TaskConflictException.WrongStatus(task, action);
        }

        if (task.OpenBlockers.Count > 0)
        {
            throw TaskConflictException.Blocked(task, LoadTask(task.List, task.OpenBlockers[0])!, action);
        }
    }

    /// <summary>A path of blocked-by edges from <paramref name="from"/> to <paramref name="to"/> (breadth first, so a shortest
    /// one), read in the current transaction.</summary>
    /// <returns>The ids from <paramref name="from"/> to <paramref name="to"/>, or null when <paramref name="to"/> cannot be reached.</returns>
    private List<long>? PathBetween(string list, long from, long to)
    {
        var cameFrom = new Dictionary<long, long> { [from] = from };
        var frontier = new Queue<long>([from]);
        while (frontier.TryDequeue(out var at))
        {
            if (at == to)
            {
                var path = new List<long> { to };
                while (path[^1] != from)
                {
                    path.Add(cameFrom[path[^1]]);
                }

                path.Reverse();
                return path;
            }

            foreach (var next in ReadRows("SELECT blocker FROM task_dependencies WHERE list = @list AND task = @id", static r => r.GetInt64(0), ("@list", list), ("@id", at)))
            {
                if (cameFrom.TryAdd(next, at))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        return null;
    }

    private List<TaskItem> OwnedTasks(string owner) => WithDependencies(
        ReadRows($"SELECT {TaskColumns} FROM tasks WHERE owner = @owner AND {Unfinished} ORDER BY list, id", ReadTaskRow, ("@owner", owner)));

    /// <summary>The tasks that waited for a task now completed or deleted stop waiting for it.</summary>
    private void FreeWaiting(string list, long id) => _connection.Execute(
        "UPDATE tasks SET open_blockers = open_blockers - 1 WHERE list = @list AND id IN (SELECT task FROM task_dependencies WHERE list = @list AND blocker = @id)",
        ("@list", list),
        ("@id", id));

    private void Unown(string list, long id, string actor, long now) => _connection.Execute(
        "UPDATE tasks SET status = 'pending', owner = NULL, updated_at = @now, updated_by = @actor WHERE list = @list AND id = @id",
        ("@now", now),
        ("@actor", actor),
        ("@list", list),
        ("@id", id));

    /// <summary>Dates a change to a task's edges and moves its count of open blockers by <paramref name="openBlockers"/>.</summary>
    private void Touch(string list, long id, string actor, long now, int openBlockers) => _connection.Execute(
        "UPDATE tasks SET open_blockers = open_blockers + @open, updated_at = @now, updated_by = @actor WHERE list = @list AND id = @id",
        ("@open", openBlockers),
        ("@now", now),
        ("@actor", actor),
        ("@list", list),
        ("@id", id));

    private List<TaskListSummary> Summaries(string? list) => ReadRows(
        """
        SELECT l.name, l.created_at,
            (COUNT(*) FILTER (WHERE t.status = 'pending'))::int, (COUNT(*) FILTER (WHERE t.status = 'in_progress'))::int,
            (COUNT(*) FILTER (WHERE t.status = 'completed'))::int, (COUNT(*) FILTER (WHERE t.status = 'cancelled'))::int,
            (COUNT(*) FILTER (WHERE t.status = 'pending' AND t.owner IS NULL AND t.open_blockers = 0))::int
        FROM task_lists l LEFT JOIN tasks t ON t.list = l.name
        WHERE @list::text IS NULL OR l.name = @list
        GROUP BY l.name, l.created_at ORDER BY l.name
        """,
        static r => new TaskListSummary(r.GetString(0), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), Time(r.GetInt64(1))),
        ("@list", list));

    private StoredTask? TaskRow(string list, long id, bool locked = false) => ReadRows(
            $"SELECT {TaskColumns} FROM tasks WHERE list = @list AND id = @id{(locked ? " FOR UPDATE" : "")}",
            ReadTaskRow,
            ("@list", list),
            ("@id", id))
        .SingleOrDefault();

    /// <summary>Reads one task with its dependencies; <paramref name="locked"/> locks its row to the end of the transaction
    /// (waiting for a concurrent change of it to commit, then reading the newest version).</summary>
    private TaskItem? LoadTask(string list, long id, bool locked = false) => TaskRow(list, id, locked) is { } row ? WithDependencies([row])[0] : null;

    /// <summary>Completes rows with their blockers (and which are open) and the tasks they block: two indexed queries per list
    /// the rows are in, whatever their number.</summary>
    private List<TaskItem> WithDependencies(List<StoredTask> rows)
    {
        var done = new Dictionary<(string List, long Id), TaskItem>();
        foreach (var group in rows.GroupBy(r => r.List, StringComparer.Ordinal))
        {
            var ids = group.Select(r => r.Id).ToArray();
            var blockedBy = ReadRows(
                """
                SELECT d.task, d.blocker, b.status FROM task_dependencies d
                JOIN tasks b ON b.list = d.list AND b.id = d.blocker
                WHERE d.list = @list AND d.task = ANY(@ids)
                ORDER BY d.blocker
                """,
                static r => (Task: r.GetInt64(0), Blocker: r.GetInt64(1), Open: r.GetString(2) != "completed"),
                ("@list", group.Key),
                ("@ids", ids)).ToLookup(d => d.Task);
            var blocks = ReadRows(
                "SELECT blocker, task FROM task_dependencies WHERE list = @list AND blocker = ANY(@ids) ORDER BY task",
                static r => (Blocker: r.GetInt64(0), Task: r.GetInt64(1)),
                ("@list", group.Key),
                ("@ids", ids)).ToLookup(d => d.Blocker);
            foreach (var row in group)
            {
                done[(row.List, row.Id)] = row.ToItem(
                    [.. blockedBy[row.Id].Select(d => d.Blocker)],
                    [.. blockedBy[row.Id].Where(d => d.Open).Select(d => d.Blocker)],
                    [.. blocks[row.Id].Select(d => d.Task)]);
            }
        }

        return [.. rows.Select(r => done[(r.List, r.Id)])];
    }

    private static StoredTask ReadTaskRow(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        Text(r, 5),
        r.GetInt32(6),
        Text(r, 7),
        UnixMilliseconds.Read(r, 9),
        r.GetString(10),
        UnixMilliseconds.Read(r, 11),
        r.GetString(12),
        Text(r, 13));

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
            CreatedAt = Time(CreatedAt),
            CreatedBy = CreatedBy,
            UpdatedAt = Time(UpdatedAt),
            UpdatedBy = UpdatedBy,
            Result = Result,
        };
    }
}
