using System.Text.Json.Serialization;
using Baton.Core.Coordination;
using Baton.Core.Sessions;

namespace Baton.Contracts.Sessions;

/// <summary>
/// A session in Baton's <c>--json</c> output (<c>baton ls</c>, <c>current</c>, <c>history</c>, <c>prune</c>, <c>conflicts</c>).
/// Field names follow Claude Code's snake_case; times are ISO 8601 UTC (<c>2026-11-21T05:27:49.123Z</c>); absent values are null.
/// This shape is stable: fields may be added, never renamed or removed. Some commands add fields of their own
/// (<see cref="Unread"/>, <see cref="Threads"/>); the others leave them out.
/// </summary>
/// <param name="SessionId">Claude Code's <c>session_id</c>.</param>
/// <param name="ShortId">The first 8 characters of the id.</param>
/// <param name="Name">The session's name.</param>
/// <param name="Status">One of <c>starting</c>, <c>running</c>, <c>waiting_input</c>, <c>waiting_permission</c>, <c>exited</c>.</param>
/// <param name="StatusReason">Why (after a failed turn <c>turn failed: ERROR</c>, in a dialog what it waits for).</param>
/// <param name="StatusSince">Since when it has had its status (how long a prompt has waited).</param>
/// <param name="Cwd">The working directory.</param>
/// <param name="Project">The project's name.</param>
/// <param name="ProjectRoot">The git top-level folder, or the working directory outside git.</param>
/// <param name="Branch">The git branch.</param>
/// <param name="Dirty">Whether the working tree had uncommitted changes.</param>
/// <param name="Pid">The <c>claude</c> process id.</param>
/// <param name="Host">The machine's host name.</param>
/// <param name="User">The OS user the session runs as on that host; null where unknown.</param>
/// <param name="Task">The task description.</param>
/// <param name="Model">The model.</param>
/// <param name="TranscriptPath">Claude Code's transcript file.</param>
/// <param name="LastEvent">The last hook event.</param>
/// <param name="LastTool">The last tool used.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="EndReason">How it ended: the SessionEnd reason, <c>killed</c> or <c>pruned</c>.</param>
/// <param name="TmuxPane">The tmux pane running claude (e.g. <c>%3</c>), null outside tmux.</param>
/// <param name="SeenAt">When a person marked its wait as seen (<c>baton ack</c>); null when not, cleared when the status changes.</param>
/// <param name="TaskList">The task list it works (<c>baton new --task-list</c>: Claude Code's <c>CLAUDE_CODE_TASK_LIST_ID</c>,
/// and the Baton task list of the same name); null when none.</param>
/// <param name="TeamName">The agent team it is a teammate in (Claude Code's <c>--team-name</c>); null when it is no teammate.</param>
/// <param name="AgentName">Its name in that team (<c>--agent-name</c>); null when it is no teammate.</param>
/// <param name="ParentSessionId">The <c>session_id</c> of the lead that started it (<c>--parent-session-id</c>); null when
/// it is no teammate.</param>
/// <param name="Unread">How many messages to it are unread (<c>baton ls</c>); left out where not given.</param>
/// <param name="Threads">The message threads it took part in (<c>baton history</c>); left out where not given.</param>
public sealed record SessionJson(
    string SessionId,
    string ShortId,
    string? Name,
    string Status,
    string? StatusReason,
    string? StatusSince,
    string? Cwd,
    string? Project,
    string? ProjectRoot,
    string? Branch,
    bool? Dirty,
    int? Pid,
    string? Host,
    string? User,
    string? Task,
    string? Model,
    string? TranscriptPath,
    string? LastEvent,
    string? LastTool,
    string StartedAt,
    string UpdatedAt,
    string? EndedAt,
    string? EndReason,
    string? TmuxPane,
    string? SeenAt,
    string? TaskList,
    string? TeamName,
    string? AgentName,
    string? ParentSessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Unread = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<ThreadJson>? Threads = null)
{
    /// <summary>Builds the JSON shape of a session.</summary>
    /// <param name="s">The session.</param>
    /// <returns>The shape.</returns>
    public static SessionJson From(Session s) => new(
        s.SessionId,
        SessionRegistry.ShortId(s.SessionId),
        s.Name,
        s.Status.ToWire(),
        s.StatusReason,
        s.StatusSince is { } since ? CoordinationJournalTypes.FormatTime(since) : null,
        s.Cwd,
        s.Project,
        s.ProjectRoot,
        s.Branch,
        s.Dirty,
        s.Pid,
        s.Host,
        s.User,
        s.Task,
        s.Model,
        s.TranscriptPath,
        s.LastEvent,
        s.LastTool,
        CoordinationJournalTypes.FormatTime(s.StartedAt),
        CoordinationJournalTypes.FormatTime(s.UpdatedAt),
        s.EndedAt is { } ended ? CoordinationJournalTypes.FormatTime(ended) : null,
        s.EndReason,
        s.TmuxPane,
        s.SeenAt is { } seen ? CoordinationJournalTypes.FormatTime(seen) : null,
        s.TaskList,
        s.TeamName,
        s.AgentName,
        s.ParentSessionId);
}
