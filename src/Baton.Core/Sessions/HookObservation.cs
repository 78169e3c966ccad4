namespace Baton.Core.Sessions;

/// <summary>
/// What one Claude Code hook invocation tells about its session, already read from the hook input JSON
/// (see docs/claude-code.md, "Hooks") and from the machine (process, git). Null members were not known.
/// </summary>
public sealed record HookObservation
{
    /// <summary>Claude Code's <c>session_id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary>The hook event name, one of <see cref="HookEvents.All"/>.</summary>
    public required string EventName { get; init; }

    /// <summary>The order key of this event (see <see cref="HookEventOrder"/>).</summary>
    public long Order { get; init; }

    /// <summary>Hook input <c>cwd</c>.</summary>
    public string? Cwd { get; init; }

    /// <summary>Hook input <c>transcript_path</c>.</summary>
    public string? TranscriptPath { get; init; }

    /// <summary>Hook input <c>model</c> (SessionStart).</summary>
    public string? Model { get; init; }

    /// <summary>Hook input <c>tool_name</c> (tool events).</summary>
    public string? ToolName { get; init; }

    /// <summary>Hook input <c>agent_id</c>: the subagent the event happened in; null for the main agent.</summary>
    public string? AgentId { get; init; }

    /// <summary>Hook input <c>notification_type</c> (Notification): <c>permission_prompt</c>, <c>idle_prompt</c>, ….</summary>
    public string? NotificationType { get; init; }

    /// <summary>Hook input <c>reason</c> (SessionEnd), <c>source</c> (SessionStart) or the error text (StopFailure).</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>claude</c> process that runs the session.</summary>
    public ProcessIdentity? Process { get; init; }

    /// <summary>The agent team the session's claude process was started in, read from its command line at SessionStart;
    /// null when it is not a teammate or was not looked at.</summary>
    public Teammate? Teammate { get; init; }

    /// <summary><c>teammate_name</c> (TeammateIdle, TaskCreated, TaskCompleted): the teammate the event is about.</summary>
    public string? TeammateName { get; init; }

    /// <summary><c>task_id</c> (TaskCreated, TaskCompleted): the Claude Code task created or completed.</summary>
    public string? TaskId { get; init; }

    /// <summary><c>task_subject</c> (TaskCreated, TaskCompleted): that task's subject.</summary>
    public string? TaskSubject { get; init; }

    /// <summary>Git facts about <see cref="Cwd"/>, when looked up for this event.</summary>
    public GitFacts? Git { get; init; }

    /// <summary><c>BATON_LAUNCH_ID</c> from the hook's environment: the session was started by <c>baton new</c>.</summary>
    public string? LaunchId { get; init; }

    /// <summary><c>CLAUDE_CODE_TASK_LIST_ID</c> from the hook's environment: the native task list claude was started on, or null;
    /// recorded as the session's list when it has none, at SessionStart or when the session is first seen.</summary>
    public string? TaskList { get; init; }

    /// <summary>The tmux server's socket path, from the hook's <c>TMUX</c> variable; null outside tmux.</summary>
    public string? TmuxSocket { get; init; }

    /// <summary>The tmux pane id, from the hook's <c>TMUX_PANE</c> variable (e.g. <c>%3</c>); null outside tmux.</summary>
    public string? TmuxPane { get; init; }

    /// <summary>When the hook ran (UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The name of the journal data field that carries <see cref="SpoolId"/>.</summary>
    public const string SpoolIdField = "spool_id";

    /// <summary>The event's id in Baton's hook spool (its file's name), recorded in the journal entry as
    /// <see cref="SpoolIdField"/> in the same transaction, so a spooled event is recorded once; null for an event never spooled.</summary>
    public string? SpoolId { get; init; }
}
