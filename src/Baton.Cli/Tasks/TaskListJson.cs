using Baton.ClaudeCode.Tasks;
using Baton.Contracts.Tasks;
using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary>A list with its counts: <c>{list, pending, in_progress, completed, cancelled, ready, created_at, native}</c>.</summary>
/// <param name="List">The list.</param>
/// <param name="Pending">Pending tasks.</param>
/// <param name="InProgress">Started tasks.</param>
/// <param name="Completed">Completed tasks.</param>
/// <param name="Cancelled">Cancelled tasks.</param>
/// <param name="Ready">Ready tasks.</param>
/// <param name="CreatedAt">When its first task was added; for a native list, when its folder last changed.</param>
/// <param name="Native">True for a Claude Code native list (its files under the claude folder's <c>tasks/</c>).</param>
internal sealed record TaskListSummaryJson(string List, int Pending, int InProgress, int Completed, int Cancelled, int Ready, string CreatedAt, bool Native)
{
    /// <summary>The shape of a summary.</summary>
    /// <param name="s">The summary.</param>
    /// <returns>The shape.</returns>
    public static TaskListSummaryJson From(TaskListSummary s) =>
        new(s.List, s.Pending, s.InProgress, s.Completed, s.Cancelled, s.Ready, CoordinationJournalTypes.FormatTime(s.CreatedAt), Native: false);

    /// <summary>The shape of a native list's counts.</summary>
    /// <param name="v">The native list.</param>
    /// <returns>The shape.</returns>
    public static TaskListSummaryJson From(NativeListView v) => new(
        v.List.List, v.Count("pending"), v.Count("in_progress"), v.Count(NativeTask.Completed), 0, v.Ready,
        CoordinationJournalTypes.FormatTime(Directory.GetLastWriteTimeUtc(v.List.Folder)), Native: true);
}

/// <summary>One list as <c>baton tasks ls LIST --json</c> shows it: <c>{list, pending, in_progress, completed, cancelled,
/// ready, tasks: [task], sessions: [{session_id, short_id, name, status, owns: [id], native_owns: ["id"]}], native_list}</c>;
/// <c>sessions</c> are the live sessions working the list (joined to it, or owning an unfinished task of it or of Claude
/// Code's native list of the same name); <c>native_list</c> is that native list, or null when Claude Code has none.</summary>
/// <param name="List">The list.</param>
/// <param name="Pending">Pending tasks.</param>
/// <param name="InProgress">Started tasks.</param>
/// <param name="Completed">Completed tasks.</param>
/// <param name="Cancelled">Cancelled tasks.</param>
/// <param name="Ready">Ready tasks.</param>
/// <param name="Tasks">The tasks that match the filters.</param>
/// <param name="Sessions">The live sessions working the list.</param>
/// <param name="NativeList">Claude Code's native list of the same name, or null.</param>
internal sealed record TaskListViewJson(
    string List,
    int Pending,
    int InProgress,
    int Completed,
    int Cancelled,
    int Ready,
    List<TaskItemJson> Tasks,
    List<TaskListMemberJson> Sessions,
    NativeTaskListJson? NativeList);

/// <summary>A live session working a list: <c>{session_id, short_id, name, status, owns: [id], native_owns: ["id"]}</c>.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="ShortId">Its first 8 characters.</param>
/// <param name="Name">Its name, or null.</param>
/// <param name="Status">Its status (as in <c>baton ls</c>).</param>
/// <param name="Owns">The ids of the list's unfinished tasks it owns.</param>
/// <param name="NativeOwns">The ids of the unfinished tasks of the native list of the same name it owns (<see cref="NativeTaskOwner"/>).</param>
internal sealed record TaskListMemberJson(string SessionId, string ShortId, string? Name, string Status, IReadOnlyList<long> Owns, IReadOnlyList<string> NativeOwns)
{
    /// <summary>The shape of a member.</summary>
    /// <param name="m">The member.</param>
    /// <param name="view">The list it works (its native list tells <paramref name="m"/>'s native tasks).</param>
    /// <returns>The shape.</returns>
    public static TaskListMemberJson From(TaskListMember m, TaskListView view) =>
        new(m.Session.SessionId, SessionRegistry.ShortId(m.Session.SessionId), m.Session.Name, m.Session.Status.ToWire(), m.Owns, view.NativeOwns(m.Session));
}
