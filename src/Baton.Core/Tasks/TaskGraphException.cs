namespace Baton.Core.Tasks;

/// <summary>
/// The store refused a dependency: it would close a cycle (the message names it, for example <c>#3 -&gt; #5 -&gt; #3</c>),
/// or it names a task the list does not have. Nothing was written. <see cref="TaskBoard"/> turns it into a
/// <see cref="UserErrorException"/>: bad input, exit 2.
/// </summary>
public sealed class TaskGraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message.</param>
    public TaskGraphException(string message)
        : base(message)
    {
    }

    /// <summary>The edge would close a cycle.</summary>
    /// <param name="list">The list.</param>
    /// <param name="cycle">The ids around the cycle, starting and ending with the task that would be blocked.</param>
    /// <returns>The exception.</returns>
    public static TaskGraphException Cycle(string list, IReadOnlyList<long> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new($"That dependency would close a cycle in list '{list}': {string.Join(" -> ", cycle.Select(id => "#" + id))}.");
    }

    /// <summary>A blocker the list does not have.</summary>
    /// <param name="list">The list.</param>
    /// <param name="id">The id.</param>
    /// <returns>The exception.</returns>
    public static TaskGraphException UnknownBlocker(string list, long id) => new($"List '{list}' has no task #{id} to depend on.");
}
