using Baton.Core.Coordination;

namespace Baton.Core.Tasks;

/// <summary>
/// The store refused a change to a task because the task is not as the caller needs it: another session owns it (a lost
/// claim, a transition by someone other than its owner), a blocker is still open, or it is already completed or cancelled.
/// Nothing was written. The one-line message names the owner or the open blocker; the command line exits 1 on it.
/// </summary>
public sealed class TaskConflictException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="current">The task as it is now.</param>
    /// <param name="message">The one-line message (see the factory methods).</param>
    public TaskConflictException(TaskItem current, string message)
        : base(message)
    {
        Current = current;
    }

    /// <summary>The task as it is now.</summary>
    public TaskItem Current { get; }

    /// <summary>The task is owned by another session than <paramref name="actor"/>.</summary>
    /// <param name="current">The task.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="action">What was asked, for example <c>claim</c> or <c>complete</c>.</param>
    /// <returns>The exception.</returns>
    public static TaskConflictException OwnedByOther(TaskItem current, string actor, string action)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new(current, $"Cannot {action} {Label(current)} as {actor}: it is owned by {current.Owner} ({Status(current.Status)}, since {Format(current.UpdatedAt)}).");
    }

    /// <summary>The task waits for a blocker that is not completed.</summary>
    /// <param name="current">The task.</param>
    /// <param name="blocker">Its first open blocker.</param>
    /// <param name="action">What was asked.</param>
    /// <returns>The exception.</returns>
    public static TaskConflictException Blocked(TaskItem current, TaskItem blocker, string action)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(blocker);
        var owner = blocker.Owner is { } o ? $", owned by {o}" : ", unowned";
        return new(current, $"Cannot {action} {Label(current)}: it is blocked by #{blocker.Id} '{blocker.Subject}' ({Status(blocker.Status)}{owner}).");
    }

    /// <summary>The task is completed or cancelled, or otherwise not in a status that allows the change.</summary>
    /// <param name="current">The task.</param>
    /// <param name="action">What was asked.</param>
    /// <returns>The exception.</returns>
    public static TaskConflictException WrongStatus(TaskItem current, string action)
    {
        ArgumentNullException.ThrowIfNull(current);
        var by = current.Owner is { } o ? $" (owner {o})" : "";
        return new(current, $"Cannot {action} {Label(current)}: it is {Status(current.Status)}{by} since {Format(current.UpdatedAt)}.");
    }

    /// <summary>The task's name in messages.</summary>
    /// <param name="task">The task.</param>
    /// <returns>For example <c>task #3 'write the parser' of list 'plan'</c>.</returns>
    public static string Label(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"task #{task.Id} '{task.Subject}' of list '{task.List}'";
    }

    private static string Status(TaskItemStatus status) => TaskJournalTypes.StatusName(status);
}
