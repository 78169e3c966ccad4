namespace Baton.ClaudeCode.Tasks;

/// <summary>A Claude Code native list as <c>baton tasks ls LIST --json</c> shows it beside Baton's list of the same name:
/// <c>{list, folder, native: true, pending, in_progress, completed, ready, tasks: [{id, subject, status, state, owner,
/// claimed_by, blocked_by, open_blockers, blocks}]}</c>; the MCP tool <c>task_list</c> shows the same shape (serialised with
/// <see cref="NativeTasksJson"/>).</summary>
/// <param name="List">The list.</param>
/// <param name="Folder">Its folder.</param>
/// <param name="Native">Always true: the list is Claude Code's.</param>
/// <param name="Pending">Pending tasks.</param>
/// <param name="InProgress">Started tasks.</param>
/// <param name="Completed">Completed tasks.</param>
/// <param name="Ready">Ready tasks.</param>
/// <param name="Tasks">Its tasks, by id.</param>
public sealed record NativeTaskListJson(string List, string Folder, bool Native, int Pending, int InProgress, int Completed, int Ready, List<NativeTaskJson> Tasks)
{
    /// <summary>The shape of a native list.</summary>
    /// <param name="v">The list.</param>
    /// <returns>The shape.</returns>
    public static NativeTaskListJson From(NativeListView v) => new(
        v.List.List, v.List.Folder, true, v.Count("pending"), v.Count("in_progress"), v.Count(NativeTask.Completed), v.Ready,
        [.. v.Rows.Select(NativeTaskJson.From)]);
}
