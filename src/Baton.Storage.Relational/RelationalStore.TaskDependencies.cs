using Baton.Core.Tasks;

namespace Baton.Storage.Relational;

// The blocked-by edges of shared tasks (table task_dependencies), the same on every SQL store: adding one refuses a cycle,
// and tasks.open_blockers (the blockers not completed) moves in the same transaction as the edge.
public abstract partial class RelationalStore
{
    /// <inheritdoc/>
    public TaskItem? AddTaskDependency(string list, long id, long blocker, string actor)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(actor);
        return ChangeTask(list, id, (task, now) =>
        {
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

            InsertDependency(list, id, blocker);
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
        return ChangeTask(list, id, (task, now) =>
        {
            if (!task.BlockedBy.Contains(blocker))
            {
                return task;
            }

            Connection.ExecuteStatement(
                "DELETE FROM task_dependencies WHERE list = @list AND task = @task AND blocker = @blocker",
                ("@list", list),
                ("@task", id),
                ("@blocker", blocker));
            Touch(list, id, actor, now, task.OpenBlockers.Contains(blocker) ? -1 : 0);
            AppendEntry(TaskJournalTypes.Unblocked, TaskJournalTypes.Subject(list), actor, TaskJournalTypes.DependencyData(id, blocker), now);
            return LoadTask(list, id);
        });
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

            foreach (var next in QueryRows("SELECT blocker FROM task_dependencies WHERE list = @list AND task = @id", static r => r.GetInt64(0), ("@list", list), ("@id", at)))
            {
                if (cameFrom.TryAdd(next, at))
                {
                    frontier.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>Records that task <paramref name="task"/> waits for <paramref name="blocker"/> (its count of open blockers is
    /// the caller's).</summary>
    private void InsertDependency(string list, long task, long blocker) => Connection.ExecuteStatement(
        "INSERT INTO task_dependencies (list, task, blocker) VALUES (@list, @task, @blocker)",
        ("@list", list),
        ("@task", task),
        ("@blocker", blocker));

    /// <summary>The tasks that waited for a task now completed or deleted stop waiting for it.</summary>
    private void FreeWaiting(string list, long id) => Connection.ExecuteStatement(
        "UPDATE tasks SET open_blockers = open_blockers - 1 WHERE list = @list AND id IN (SELECT task FROM task_dependencies WHERE list = @list AND blocker = @id)",
        ("@list", list),
        ("@id", id));

    /// <summary>Dates a change to a task's edges and moves its count of open blockers by <paramref name="openBlockers"/>.</summary>
    private void Touch(string list, long id, string actor, long now, int openBlockers) => Connection.ExecuteStatement(
        "UPDATE tasks SET open_blockers = open_blockers + @open, updated_at = @now, updated_by = @actor WHERE list = @list AND id = @id",
        ("@open", openBlockers),
        ("@now", now),
        ("@actor", actor),
        ("@list", list),
        ("@id", id));
}
