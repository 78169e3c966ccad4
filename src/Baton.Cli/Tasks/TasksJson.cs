using System.Text.Json.Serialization;
using Baton.ClaudeCode.Tasks;
using Baton.Cli.Rendering;
using Baton.Core.Sessions;
using Baton.Core.Tasks;

namespace Baton.Cli.Tasks;

/// <summary>
/// The <c>--json</c> output of <c>baton tasks</c>: snake_case names, indented, nulls written, times ISO 8601 UTC with
/// milliseconds. These shapes are stable: fields may be added, never renamed or removed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TaskItemJson))]
[JsonSerializable(typeof(List<TaskListSummaryJson>))]
[JsonSerializable(typeof(TaskListViewJson))]
internal sealed partial class TasksJson : JsonSerializerContext;

/// <summary>A task: <c>{list, id, subject, description, status, owner, ready, blocked_by, open_blockers, blocks, priority,
/// role, created_at, created_by, updated_at, updated_by, result}</c>.</summary>
/// <param name="List">The list.</param>
/// <param name="Id">The id in the list.</param>
/// <param name="Subject">What to do.</param>
/// <param name="Description">The details (may be empty).</param>
/// <param name="Status"><c>pending</c>, <c>in_progress</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Owner">The owning session id (or <c>human</c>), or null.</param>
/// <param name="Ready">Pending, unowned, and every blocker completed.</param>
/// <param name="BlockedBy">The ids it waits for.</param>
/// <param name="OpenBlockers">The ids of <paramref name="BlockedBy"/> not completed.</param>
/// <param name="Blocks">The ids that wait for it.</param>
/// <param name="Priority">Higher is claimed first.</param>
/// <param name="Role">The role a claim-next must name to take it, or null.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="CreatedBy">Who added it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
/// <param name="Result">The result given on completion, or null.</param>
internal sealed record TaskItemJson(
    string List,
    long Id,
    string Subject,
    string Description,
    string Status,
    string? Owner,
    bool Ready,
    IReadOnlyList<long> BlockedBy,
    IReadOnlyList<long> OpenBlockers,
    IReadOnlyList<long> Blocks,
    int Priority,
    string? Role,
    string CreatedAt,
    string CreatedBy,
    string UpdatedAt,
    string UpdatedBy,
    string? Result)
{
    /// <summary>The shape of a task.</summary>
    /// <param name="t">The task.</param>
    /// <returns>The shape.</returns>
    public static TaskItemJson From(TaskItem t) => new(
        t.List,
        t.Id,
        t.Subject,
        t.Description,
        TaskJournalTypes.StatusName(t.Status),
        t.Owner,
        t.IsReady,
        t.BlockedBy,
        t.OpenBlockers,
        t.Blocks,
        t.Priority,
        t.Role,
        SessionJson.Iso(t.CreatedAt),
        t.CreatedBy,
        SessionJson.Iso(t.UpdatedAt),
        t.UpdatedBy,
        t.Result);
}

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
        new(s.List, s.Pending, s.InProgress, s.Completed, s.Cancelled, s.Ready, SessionJson.Iso(s.CreatedAt), Native: false);

    /// <summary>The shape of a native list's counts.</summary>
    /// <param name="v">The native list.</param>
    /// <returns>The shape.</returns>
    public static TaskListSummaryJson From(NativeListView v) => new(
        v.List.List, v.Count("pending"), v.Count("in_progress"), v.Count(NativeTask.Completed), 0, v.Ready,
        SessionJson.Iso(Directory.GetLastWriteTimeUtc(v.List.Folder)), Native: true);
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
