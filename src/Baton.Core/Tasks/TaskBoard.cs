namespace Baton.Core.Tasks;

/// <summary>
/// The task-list operations agents (through the MCP server) and people (through <c>baton tasks</c>) call. It validates every
/// request (names, sizes, priorities, references) before the store sees it, with a <see cref="UserErrorException"/> saying
/// what was wrong and what is allowed, and leaves every decision with one winner to the store (<see cref="ITaskStore"/>):
/// one write transaction and one journal entry per change. A list or task that does not exist, a dependency across lists,
/// and a dependency that would close a cycle are bad input (<see cref="UserErrorException"/>); a lost claim or a change
/// refused because of an owner or an open blocker is a <see cref="TaskConflictException"/>. Not thread-safe.
/// </summary>
public sealed class TaskBoard
{
    /// <summary>The longest subject, in characters.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The longest description or result, in characters.</summary>
    public const int MaxDescriptionLength = 16_000;

    /// <summary>The most blockers one task may have.</summary>
    public const int MaxBlockers = 100;

    private readonly ITaskStore _store;

    /// <summary>Creates a board over a store.</summary>
    /// <param name="store">The store.</param>
    public TaskBoard(ITaskStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Adds a task (<c>task_create</c>); the list is created by its first task.</summary>
    /// <param name="list">The list (a name).</param>
    /// <param name="subject">What to do, 1–200 characters.</param>
    /// <param name="description">The details (at most 16,000 characters), or null.</param>
    /// <param name="priority">Higher is claimed first: -1000 to 1000.</param>
    /// <param name="role">The role that may claim it through a claim-next, or null for any.</param>
    /// <param name="blockedBy">The tasks it waits for: ids in the list (<c>3</c>, <c>#3</c>), at most 100.</param>
    /// <param name="actor">Who adds it.</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, a blocker is in another list or not in the list.</exception>
    public TaskItem Add(string list, string subject, string? description, int priority, string? role, IReadOnlyList<string> blockedBy, string actor)
    {
        ArgumentNullException.ThrowIfNull(blockedBy);
        Coordination.CoordinationLimits.Name(list, "task list");
        Coordination.CoordinationLimits.Text(subject, "subject", required: true, MaxSubjectLength);
        Coordination.CoordinationLimits.Text(description ?? "", "description", required: false, MaxDescriptionLength);
        Coordination.CoordinationLimits.Range(priority, Coordination.CoordinationLimits.MinPriority, Coordination.CoordinationLimits.MaxPriority, "priority");
        if (role is not null)
        {
            Coordination.CoordinationLimits.Name(role, "role");
        }

        Coordination.CoordinationLimits.Name(actor, "actor");
        if (blockedBy.Count > MaxBlockers)
        {
            throw new UserErrorException($"A task may wait for at most {MaxBlockers} tasks; {blockedBy.Count} were given.");
        }

        var blockers = blockedBy.Select(b => IdIn(list, b)).Distinct().Order().ToList();
        return Graph(() => _store.AddTask(new NewTask(list, subject.Trim(), description ?? "", priority, role, blockers), actor));
    }

    /// <summary>Reads one task (<c>task_get</c>).</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task's id.</param>
    /// <returns>The task.</returns>
    /// <exception cref="UserErrorException">The list or the task does not exist.</exception>
    public TaskItem Get(string list, long id)
    {
        Coordination.CoordinationLimits.Name(list, "task list");
        return _store.GetTask(list, id) ?? throw Unknown(list, id);
    }

    /// <summary>Lists a list's tasks (<c>task_list</c>, <c>task_ready</c>).</summary>
    /// <param name="list">The list.</param>
    /// <param name="filter">Which tasks; its limit 1 to 10,000.</param>
    /// <returns>The tasks.</returns>
    /// <exception cref="UserErrorException">The list does not exist, or the filter is not allowed.</exception>
    public IReadOnlyList<TaskItem> List(string list, TaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Summary(list);
        if (filter.Owner is not null)
        {
            Coordination.CoordinationLimits.Name(filter.Owner, "owner");
        }

        if (filter.Role is not null)
        {
            Coordination.CoordinationLimits.Name(filter.Role, "role");
        }

        Coordination.CoordinationLimits.Range(filter.Limit, 1, 10_000, "limit");
        return _store.ListTasks(list, filter);
    }

    /// <summary>Reads one list's counts.</summary>
    /// <param name="list">The list.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="UserErrorException">The name is not allowed, or the list does not exist.</exception>
    public TaskListSummary Summary(string list)
    {
        Coordination.CoordinationLimits.Name(list, "task list");
        return _store.GetTaskList(list) ?? throw UnknownList(list);
    }

    /// <summary>Lists every task list with its counts.</summary>
    /// <returns>The lists, by name.</returns>
    public IReadOnlyList<TaskListSummary> Lists() => _store.ListTaskLists();

    /// <summary>Claims a task (<c>task_claim</c>): a given one, or the next ready one by priority then age.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task, or null for the next ready one.</param>
    /// <param name="role">For the next ready one: only tasks of this role; null for any.</param>
    /// <param name="actor">Who claims.</param>
    /// <returns>The claimed task, or null when <paramref name="id"/> is null and no task is ready.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist, or an argument is not allowed.</exception>
    /// <exception cref="TaskConflictException">The given task is owned by another, blocked, or finished.</exception>
    public TaskItem? Claim(string list, long? id, string? role, string actor)
    {
        Summary(list);
        if (role is not null)
        {
            Coordination.CoordinationLimits.Name(role, "role");
        }

        Coordination.CoordinationLimits.Name(actor, "actor");
        var claimed = _store.ClaimTask(list, id, role, actor);
        return claimed is null && id is { } wanted ? throw Unknown(list, wanted) : claimed;
    }

    /// <summary>Starts a task (status in_progress): its owner, or anyone on an unowned ready task (claiming it).</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Who starts it.</param>
    /// <param name="force">Act on a task another owns (journaled).</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist.</exception>
    /// <exception cref="TaskConflictException">Owned by another, blocked, or finished.</exception>
    public TaskItem Start(string list, long id, string actor, bool force = false) => Change(list, id, TaskItemStatus.InProgress, null, actor, force);

    /// <summary>Completes a task: only its owner (or with force); every blocker must be completed.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="result">What came of it (at most 16,000 characters), or null.</param>
    /// <param name="actor">Who completes it.</param>
    /// <param name="force">Act on a task another owns (journaled).</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist, or the result is too long.</exception>
    /// <exception cref="TaskConflictException">Owned by another, blocked, or finished.</exception>
    public TaskItem Complete(string list, long id, string? result, string actor, bool force = false)
    {
        if (result is not null)
        {
            Coordination.CoordinationLimits.Text(result, "result", required: false, MaxDescriptionLength);
        }

        return Change(list, id, TaskItemStatus.Completed, result, actor, force);
    }

    /// <summary>Cancels a task: its owner, anyone when unowned, or with force.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Who cancels it.</param>
    /// <param name="force">Act on a task another owns (journaled).</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist.</exception>
    /// <exception cref="TaskConflictException">Owned by another, or finished.</exception>
    public TaskItem Cancel(string list, long id, string actor, bool force = false) => Change(list, id, TaskItemStatus.Cancelled, null, actor, force);

    /// <summary>Gives an owned task back (<c>task_release</c>): pending and unowned.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Its owner.</param>
    /// <param name="force">Release a task another owns (journaled).</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist.</exception>
    /// <exception cref="TaskConflictException">Unowned, owned by another, or finished.</exception>
    public TaskItem Release(string list, long id, string actor, bool force = false)
    {
        Summary(list);
        Coordination.CoordinationLimits.Name(actor, "actor");
        return _store.ReleaseTask(list, id, actor, force) ?? throw Unknown(list, id);
    }

    /// <summary>Makes a task wait for another task of its list.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task that is to wait.</param>
    /// <param name="blocker">The task to wait for: <c>3</c>, <c>#3</c> or <c>list#3</c> (which must be this list).</param>
    /// <param name="actor">Who adds the dependency.</param>
    /// <returns>The waiting task as stored.</returns>
    /// <exception cref="UserErrorException">The list or a task does not exist, the blocker is in another list, or the
    /// dependency would close a cycle (named).</exception>
    public TaskItem Block(string list, long id, string blocker, string actor)
    {
        Summary(list);
        Coordination.CoordinationLimits.Name(actor, "actor");
        var on = IdIn(list, blocker);
        if (on == id)
        {
            throw new UserErrorException($"Task #{id} cannot wait for itself.");
        }

        return Graph(() => _store.AddTaskDependency(list, id, on, actor)) ?? throw Unknown(list, id);
    }

    /// <summary>Removes a dependency.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The waiting task.</param>
    /// <param name="blocker">The task it waited for.</param>
    /// <param name="actor">Who removes it.</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist, or the blocker is in another list.</exception>
    public TaskItem Unblock(string list, long id, string blocker, string actor)
    {
        Summary(list);
        Coordination.CoordinationLimits.Name(actor, "actor");
        var on = IdIn(list, blocker);
        return _store.RemoveTaskDependency(list, id, on, actor) ?? throw Unknown(list, id);
    }

    /// <summary>Deletes a task and its dependencies.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Who deletes it.</param>
    /// <param name="force">Delete a task another owns (journaled).</param>
    /// <returns>The task as it was.</returns>
    /// <exception cref="UserErrorException">The list or task does not exist.</exception>
    /// <exception cref="TaskConflictException">Owned by another.</exception>
    public TaskItem Remove(string list, long id, string actor, bool force = false)
    {
        Summary(list);
        Coordination.CoordinationLimits.Name(actor, "actor");
        return _store.DeleteTask(list, id, actor, force) ?? throw Unknown(list, id);
    }

    private TaskItem Change(string list, long id, TaskItemStatus status, string? result, string actor, bool force)
    {
        Summary(list);
        Coordination.CoordinationLimits.Name(actor, "actor");
        return _store.ChangeTaskStatus(list, id, status, result, actor, force) ?? throw Unknown(list, id);
    }

    /// <summary>Reads a task named in a list: <c>3</c>, <c>#3</c>, or <c>list#3</c> naming that same list.</summary>
    /// <param name="list">The list.</param>
    /// <param name="reference">The text.</param>
    /// <returns>The task's id.</returns>
    /// <exception cref="UserErrorException">Not a task reference, or one of another list.</exception>
    public static long IdIn(string list, string reference) => SameList(list, TaskReference.Parse(reference, list));

    private static long SameList(string list, TaskReference reference) => reference.List == list
        ? reference.Id
        : throw new UserErrorException(
            $"Task {reference.List}#{reference.Id} is in another list: a task of list '{list}' can depend only on tasks of its own list.");

    private static T Graph<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (TaskGraphException e)
        {
            throw new UserErrorException(e.Message);
        }
    }

    private UserErrorException Unknown(string list, long id) => _store.GetTaskList(list) is null
        ? UnknownList(list)
        : new UserErrorException($"List '{list}' has no task #{id} (see baton tasks ls {list}).");

    private static UserErrorException UnknownList(string list) =>
        new($"There is no task list '{list}': a list is created by its first task (baton tasks add {list} SUBJECT).");
}
