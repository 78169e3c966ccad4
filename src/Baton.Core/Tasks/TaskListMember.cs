using Baton.Core.Sessions;

namespace Baton.Core.Tasks;

/// <summary>A live session working a task list (presence): it joined the list (<see cref="Session.TaskList"/>), or it owns an
/// unfinished task of it.</summary>
/// <param name="Session">The session.</param>
/// <param name="Owns">The ids of the list's unfinished tasks it owns, ascending.</param>
public sealed record TaskListMember(Session Session, IReadOnlyList<long> Owns)
{
    /// <summary>The members of a list.</summary>
    /// <param name="list">The list.</param>
    /// <param name="liveSessions">The live sessions (for example <see cref="SessionRegistry.List"/> without ended ones).</param>
    /// <param name="tasks">The list's tasks (at least its unfinished owned ones).</param>
    /// <returns>The members, in the order of <paramref name="liveSessions"/>.</returns>
    public static IReadOnlyList<TaskListMember> Of(string list, IEnumerable<Session> liveSessions, IEnumerable<TaskItem> tasks)
    {
        ArgumentNullException.ThrowIfNull(liveSessions);
        ArgumentNullException.ThrowIfNull(tasks);
        var owned = tasks
            .Where(t => t.List == list && t.Owner is not null && t.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
            .ToLookup(t => t.Owner!, t => t.Id, StringComparer.Ordinal);
        return
        [
            .. liveSessions
                .Where(s => s.TaskList == list || owned.Contains(s.SessionId))
                .Select(s => new TaskListMember(s, [.. owned[s.SessionId].Order()])),
        ];
    }
}
