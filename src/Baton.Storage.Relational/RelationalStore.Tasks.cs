using Baton.Core.Tasks;

namespace Baton.Storage.Relational;

// Shared task lists (ITaskStore), the same on every SQL store: tables task_lists, tasks and task_dependencies. Each change is
// one write transaction of the store's (WriteChange) that re-reads the task it decides on and appends its journal entry;
// refusals roll back. Claims run in the store's claim transaction (WriteClaim) and read the task they decide on with the
// dialect's row lock (ClaimRowLock): where claimers run at once, the task's row is locked (a claim-next skips rows other
// claimers hold) and its readiness judged on the newest version of the row, so of racing claimers exactly one wins and the
// others are told the owner, without aborting one another. tasks.open_blockers (the blockers not completed) is kept in the
// same transaction as every change that moves it: adding or removing an edge, completing or deleting a blocker (see
// RelationalStore.TaskDependencies). An empty ready set seen by a plain read is answered without a write transaction.
public abstract partial class RelationalStore
{
    private const string NextReady =
        "SELECT id FROM tasks WHERE list = @list AND status = 'pending' AND owner IS NULL AND open_blockers = 0 " +
        "AND (CAST(@role AS TEXT) IS NULL OR role = @role) ORDER BY priority DESC, id LIMIT 1";

    private const string Unfinished = "status IN ('pending', 'in_progress')";

    /// <summary>The clause a task claim (run by <see cref="WriteClaim{T}"/>) appends to its query for the row it decides on.
    /// By default none, which is right where the write transaction keeps other writers out until it ends; a store whose
    /// claimers run at once locks the row to the end of the transaction (waiting for a concurrent change of it to commit,
    /// then reading its newest version).</summary>
    /// <param name="skipLocked">True for the claim of the next ready task: rows other claimers hold are passed over rather
    /// than waited for.</param>
    /// <returns>SQL text to append after the query's <c>LIMIT</c>, with a leading space; empty for none.</returns>
    protected virtual string ClaimRowLock(bool skipLocked) => "";

    /// <inheritdoc/>
    public TaskItem AddTask(NewTask task, string actor)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var blockers = QueryRows(
                $"SELECT id, status FROM tasks WHERE list = @list AND {InList("id", "@ids")}",
                static r => (Id: r.GetInt64(0), Status: r.GetString(1)),
                ("@list", task.List),
                ("@ids", ListValue(task.BlockedBy)));
            if (task.BlockedBy.FirstOrDefault(id => blockers.All(b => b.Id != id)) is var missing and > 0)
            {
                throw TaskGraphException.UnknownBlocker(task.List, missing);
            }

            Connection.ExecuteStatement(
                "INSERT INTO task_lists (name, last_id, created_at, created_by) VALUES (@list, 0, @now, @actor) ON CONFLICT (name) DO NOTHING",
                ("@list", task.List),
                ("@now", now),
                ("@actor", actor));
            var id = (long)Connection.QueryValue("UPDATE task_lists SET last_id = last_id + 1 WHERE name = @list RETURNING last_id", ("@list", task.List))!;
            Connection.ExecuteStatement(
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
            foreach (var blocker in task.BlockedBy)
            {
                InsertDependency(task.List, id, blocker);
            }

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
            ? "AND status = 'pending' AND owner IS NULL AND open_blockers = 0 AND (CAST(@role AS TEXT) IS NULL OR role = @role) ORDER BY priority DESC, id"
            : "ORDER BY id";
        var rows = QueryRows(
            $"SELECT {TaskColumns} FROM tasks WHERE list = @list AND (CAST(@status AS TEXT) IS NULL OR status = @status) AND (CAST(@owner AS TEXT) IS NULL OR owner = @owner) {ready} LIMIT @limit",
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
        if (id is null && QueryRows(NextReady, static r => r.GetInt64(0), ("@list", list), ("@role", role)).Count == 0)
        {
            return null;
        }

        return WriteClaim(() =>
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
            else if (QueryRows(NextReady + ClaimRowLock(skipLocked: true), static r => r.GetInt64(0), ("@list", list), ("@role", role)) is [var next])
            {
                chosen = next;
            }
            else
            {
                return null;
            }

            Connection.ExecuteStatement(
                "UPDATE tasks SET owner = @owner, updated_at = @now, updated_by = @owner WHERE list = @list AND id = @id",
                ("@owner", owner),
                ("@now", now),
                ("@list", list),
                ("@id", chosen));
            AppendEntry(TaskJournalTypes.Claimed, TaskJournalTypes.Subject(list), owner, TaskJournalTypes.ClaimedData(chosen), now);
            return LoadTask(list, chosen);
        });
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
        return ChangeTask(list, id, (task, now) =>
        {
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
            Connection.ExecuteStatement(
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
        return ChangeTask(list, id, (task, now) =>
        {
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
    public TaskItem? DeleteTask(string list, long id, string actor, bool force)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return ChangeTask(list, id, (task, now) =>
        {
            if (task.Owner is { } owner && owner != actor && !force && task.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
            {
                throw TaskConflictException.OwnedByOther(task, actor, "delete");
            }

            if (task.Status != TaskItemStatus.Completed)
            {
                FreeWaiting(list, id);
            }

            Connection.ExecuteStatement("DELETE FROM task_dependencies WHERE list = @list AND (task = @id OR blocker = @id)", ("@list", list), ("@id", id));
            Connection.ExecuteStatement("DELETE FROM tasks WHERE list = @list AND id = @id", ("@list", list), ("@id", id));
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
    public IReadOnlyList<string> ListTaskOwners() => QueryRows(
        $"SELECT DISTINCT owner FROM tasks WHERE owner IS NOT NULL AND {Unfinished} ORDER BY owner",
        static r => r.GetString(0));

    /// <inheritdoc/>
    public IReadOnlyList<TaskItem> ReleaseAbandonedTasks(string owner, string actor)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var owned = OwnedTasks(owner);
            foreach (var task in owned)
            {
                Unown(task.List, task.Id, actor, now);
            }

            // The journal entries last: where appending takes a journal lock, it is then held only from here to the commit.
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

    /// <summary>Runs a change of one task in one write transaction, deciding on the task as read in it.</summary>
    /// <param name="list">The task's list.</param>
    /// <param name="id">The task's id.</param>
    /// <param name="change">The change, given the task and the change's time (Unix ms): its statements, its journal entry and
    /// the task to return; it throws to refuse, which rolls the transaction back.</param>
    /// <returns>What <paramref name="change"/> returned, or null when the list has no such task.</returns>
    private TaskItem? ChangeTask(string list, long id, Func<TaskItem, long, TaskItem?> change) => WriteChange(() =>
    {
        var now = NowMs();
        return LoadTask(list, id) is { } task ? change(task, now) : null;
    });

    private List<TaskItem> OwnedTasks(string owner) => WithDependencies(
        QueryRows($"SELECT {TaskColumns} FROM tasks WHERE owner = @owner AND {Unfinished} ORDER BY list, id", ReadTaskRow, ("@owner", owner)));

    private void Unown(string list, long id, string actor, long now) => Connection.ExecuteStatement(
        "UPDATE tasks SET status = 'pending', owner = NULL, updated_at = @now, updated_by = @actor WHERE list = @list AND id = @id",
        ("@now", now),
        ("@actor", actor),
        ("@list", list),
        ("@id", id));

    private List<TaskListSummary> Summaries(string? list) => QueryRows(
        """
        SELECT l.name, l.created_at,
            CAST(COUNT(CASE WHEN t.status = 'pending' THEN 1 END) AS INTEGER), CAST(COUNT(CASE WHEN t.status = 'in_progress' THEN 1 END) AS INTEGER),
            CAST(COUNT(CASE WHEN t.status = 'completed' THEN 1 END) AS INTEGER), CAST(COUNT(CASE WHEN t.status = 'cancelled' THEN 1 END) AS INTEGER),
            CAST(COUNT(CASE WHEN t.status = 'pending' AND t.owner IS NULL AND t.open_blockers = 0 THEN 1 END) AS INTEGER)
        FROM task_lists l LEFT JOIN tasks t ON t.list = l.name
        WHERE CAST(@list AS TEXT) IS NULL OR l.name = @list
        GROUP BY l.name, l.created_at ORDER BY l.name
        """,
        static r => new TaskListSummary(r.GetString(0), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), UnixTime(r.GetInt64(1))),
        ("@list", list));
}
