namespace Baton.Core.Tasks;

/// <summary>
/// The store side of shared task lists: tasks with dependencies, a ready set, atomic conditional claims and owner-only
/// transitions. Every decision with one winner (a claim, a transition, a dependency that must not close a cycle) is made
/// inside one write transaction that re-reads what it decides on, and every change appends exactly one journal entry in that
/// transaction (types and data in <see cref="TaskJournalTypes"/>); a refusal writes nothing, and reads never write. A task is
/// <b>ready</b> when it is pending, unowned and every task it is blocked by is completed. Dependencies stay inside one list
/// (ids are per list). Names and texts are taken as given (the <see cref="TaskBoard"/> validates them). Implemented by the
/// stores that implement <see cref="Storage.IStore"/>; the contract suite in <c>tests/Baton.Storage.Contract</c>
/// (<c>TaskContract</c>) holds for all of them. Instances are not thread-safe. Every method throws
/// <see cref="Storage.StoreException"/> when the store cannot be read or written.
/// </summary>
public interface ITaskStore : IDisposable
{
    /// <summary>Adds a task (its list is created by its first task) with the next id of its list, journaled as
    /// <see cref="TaskJournalTypes.Created"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="actor">Who adds it.</param>
    /// <returns>The task as stored.</returns>
    /// <exception cref="TaskGraphException">A blocker is not a task of the list. Nothing was written.</exception>
    TaskItem AddTask(NewTask task, string actor);

    /// <summary>Reads one task.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task's id.</param>
    /// <returns>The task, or null when the list has no such task.</returns>
    TaskItem? GetTask(string list, long id);

    /// <summary>Lists a list's tasks: by id, or with <see cref="TaskFilter.ReadyOnly"/> best first (priority descending, then id).</summary>
    /// <param name="list">The list.</param>
    /// <param name="filter">Which tasks.</param>
    /// <returns>The tasks; empty when none match or the list does not exist.</returns>
    IReadOnlyList<TaskItem> ListTasks(string list, TaskFilter filter);

    /// <summary>Reads one list's counts.</summary>
    /// <param name="list">The list.</param>
    /// <returns>The summary, or null when the list does not exist (it never had a task).</returns>
    TaskListSummary? GetTaskList(string list);

    /// <summary>Lists every list, by name, with its counts.</summary>
    /// <returns>The lists.</returns>
    IReadOnlyList<TaskListSummary> ListTaskLists();

    /// <summary>
    /// Claims a task atomically: sets its owner, journaled as <see cref="TaskJournalTypes.Claimed"/> (the status stays pending
    /// until its owner starts it). With <paramref name="id"/>, that task, which must be ready; a claim by its current owner
    /// changes nothing and returns it. Without, the next ready task by priority (descending), then id, of
    /// <paramref name="role"/> when given (only tasks of that role), or of any role.
    /// </summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task, or null for the next ready one.</param>
    /// <param name="role">For a claim-next: only tasks of this role; null for any. Ignored with <paramref name="id"/>.</param>
    /// <param name="owner">Who claims.</param>
    /// <returns>The task as claimed; null (nothing written) when <paramref name="id"/> names no task, or no task is ready.</returns>
    /// <exception cref="TaskConflictException">The given task is owned by another (named), blocked (the open blocker named),
    /// or not pending. Nothing was written.</exception>
    TaskItem? ClaimTask(string list, long? id, string? role, string owner);

    /// <summary>
    /// Moves a task to <see cref="TaskItemStatus.InProgress"/>, <see cref="TaskItemStatus.Completed"/> or
    /// <see cref="TaskItemStatus.Cancelled"/>, journaled as <see cref="TaskJournalTypes.StatusChanged"/>. Only its owner may,
    /// or anyone with <paramref name="force"/> (journaled as forced); starting an unowned ready task claims it for the actor in
    /// the same change, and cancelling an unowned task needs no force. Starting or completing needs every blocker completed.
    /// A completed or cancelled task changes no more. Moving to the status it already has changes nothing.
    /// </summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="status">The new status (not <see cref="TaskItemStatus.Pending"/>: see <see cref="ReleaseTask"/>).</param>
    /// <param name="result">For completion, a result text, or null.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="force">Act on a task another owns.</param>
    /// <returns>The task as stored, or null (nothing written) when the list has no such task.</returns>
    /// <exception cref="TaskConflictException">Owned by another without force, a blocker open, or finished. Nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is pending.</exception>
    TaskItem? ChangeTaskStatus(string list, long id, TaskItemStatus status, string? result, string actor, bool force);

    /// <summary>Gives an owned, unfinished task back: pending and unowned, journaled as <see cref="TaskJournalTypes.Released"/>.
    /// Only its owner, or anyone with <paramref name="force"/>.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Who releases it.</param>
    /// <param name="force">Release a task another owns.</param>
    /// <returns>The task as stored, or null (nothing written) when the list has no such task.</returns>
    /// <exception cref="TaskConflictException">Unowned, owned by another without force, or finished. Nothing was written.</exception>
    TaskItem? ReleaseTask(string list, long id, string actor, bool force);

    /// <summary>Makes a task wait for another of its list, journaled as <see cref="TaskJournalTypes.Blocked"/>; an edge that is
    /// already there changes nothing.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task that is to wait.</param>
    /// <param name="blocker">The task it is to wait for.</param>
    /// <param name="actor">Who adds the dependency.</param>
    /// <returns>The waiting task as stored, or null (nothing written) when the list has no task <paramref name="id"/>.</returns>
    /// <exception cref="TaskGraphException">The blocker is not in the list, or the edge would close a cycle (named). Nothing was written.</exception>
    TaskItem? AddTaskDependency(string list, long id, long blocker, string actor);

    /// <summary>Removes a dependency, journaled as <see cref="TaskJournalTypes.Unblocked"/>; a missing edge changes nothing.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The waiting task.</param>
    /// <param name="blocker">The task it waited for.</param>
    /// <param name="actor">Who removes it.</param>
    /// <returns>The task as stored, or null (nothing written) when the list has no task <paramref name="id"/>.</returns>
    TaskItem? RemoveTaskDependency(string list, long id, long blocker, string actor);

    /// <summary>Deletes a task and its dependencies both ways (the tasks it blocked stop waiting for it), journaled as
    /// <see cref="TaskJournalTypes.Deleted"/>. A task another owns needs <paramref name="force"/>.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The task.</param>
    /// <param name="actor">Who deletes it.</param>
    /// <param name="force">Delete a task another owns.</param>
    /// <returns>The task as it was, or null (nothing written) when the list has no such task.</returns>
    /// <exception cref="TaskConflictException">Owned by another without force. Nothing was written.</exception>
    TaskItem? DeleteTask(string list, long id, string actor, bool force);

    /// <summary>The unfinished tasks (pending or in progress) a holder owns, in every list, changing nothing.</summary>
    /// <param name="owner">A session id (or <c>human</c>).</param>
    /// <returns>The tasks, by list then id.</returns>
    IReadOnlyList<TaskItem> ListOwnedTasks(string owner);

    /// <summary>Who owns unfinished tasks.</summary>
    /// <returns>Distinct owners, sorted (ordinal).</returns>
    IReadOnlyList<string> ListTaskOwners();

    /// <summary>Lets go of the tasks of a session that is gone: each unfinished task it owns goes back to pending, unowned,
    /// journaled as <see cref="TaskJournalTypes.Released"/> with <c>abandoned: true</c>, all in one transaction. Idempotent.</summary>
    /// <param name="owner">The session whose tasks are abandoned.</param>
    /// <param name="actor">Who releases them.</param>
    /// <returns>The tasks as they were before.</returns>
    IReadOnlyList<TaskItem> ReleaseAbandonedTasks(string owner, string actor);

    /// <summary>
    /// Journals a change of a Claude Code native task as <see cref="TaskJournalTypes.Native"/> on the list's subject, unless
    /// the entry last journaled for the same task (among the list's latest <see cref="TaskJournalTypes.NativeLookBack"/>
    /// native entries) already says the same (<see cref="TaskJournalTypes.NativeChangeOf"/>: status and owner): the check
    /// and the append are one transaction, so of two processes reporting one change (the TaskCompleted hook and the
    /// PostToolUse of the TaskUpdate that fired it, or a hook handled twice) exactly one journals it.
    /// </summary>
    /// <param name="list">The native list.</param>
    /// <param name="actor">The session that made the change.</param>
    /// <param name="data">The entry's data (see <see cref="TaskJournalTypes.Native"/>), with the task's <c>id</c>.</param>
    /// <returns>True when it was journaled; false (nothing written) when the task's last entry already said it.</returns>
    /// <exception cref="ArgumentException">The data is not a JSON object with a text <c>id</c>.</exception>
    bool AppendNativeChange(string list, string actor, string data);
}
