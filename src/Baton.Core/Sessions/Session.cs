
namespace Baton.Core.Sessions;

/// <summary>
/// One Claude Code session as Baton knows it: identity, where it runs, what it does and how it ended.
/// A session is keyed by Claude Code's <c>session_id</c>. All times are UTC.
/// </summary>
public sealed record Session
{
    /// <summary>Claude Code's <c>session_id</c> (a UUID), or Baton's own id before the SessionStart hook binds one.</summary>
    public required string SessionId { get; init; }

    /// <summary>A person-given name (<c>baton new --name</c>), unique among live sessions; null when none.</summary>
    public string? Name { get; init; }

    /// <summary>The status recorded from the last hook event that was applied.</summary>
    public SessionStatus Status { get; init; } = SessionStatus.Starting;

    /// <summary>Why the status is what it is, or null: for <see cref="SessionStatus.WaitingInput"/> after a failed turn
    /// <see cref="StatusModel.FailedTurnPrefix"/> and Claude Code's error, in a dialog what Claude Code's registry says it
    /// waits for (<c>dialog open</c>).</summary>
    public string? StatusReason { get; init; }

    /// <summary>The working directory Claude Code reported (hook input <c>cwd</c>), absolute.</summary>
    public string? Cwd { get; init; }

    /// <summary>The git top-level folder of <see cref="Cwd"/>, else <see cref="Cwd"/> itself; sessions sharing it share a project.</summary>
    public string? ProjectRoot { get; init; }

    /// <summary>The project's name: the folder name of the repository <see cref="ProjectRoot"/> belongs to (for a linked git
    /// worktree its repository's, not the worktree folder's), else of <see cref="ProjectRoot"/>.</summary>
    public string? Project { get; init; }

    /// <summary>The git branch checked out in <see cref="Cwd"/> (a short commit id when detached); null outside git.</summary>
    public string? Branch { get; init; }

    /// <summary>Whether the git working tree had uncommitted changes when last looked at; null outside git.</summary>
    public bool? Dirty { get; init; }

    /// <summary>The pid of the <c>claude</c> process running the session, on <see cref="Host"/>.</summary>
    public int? Pid { get; init; }

    /// <summary>The start time of that process in 10 ms units since the Unix epoch, so a reused pid is told apart.</summary>
    public long? ProcessStart { get; init; }

    /// <summary>The host name of the machine the session runs on.</summary>
    public string? Host { get; init; }

    /// <summary>The OS user the session runs as on <see cref="Host"/> (the user of the Baton process that saw it start, the
    /// same that runs its hooks); null where unknown (sessions recorded before Baton kept it).</summary>
    public string? User { get; init; }

    /// <summary>The id of the boot the <c>claude</c> process runs in (Linux <c>boot_id</c>); null where unknown.</summary>
    public string? ProcessBootId { get; init; }

    /// <summary>The start of the <c>claude</c> process in clock ticks (10 ms) since that boot: with
    /// <see cref="ProcessBootId"/> it tells the process apart whatever the wall clock does; null where unknown.</summary>
    public long? ProcessStartTicks { get; init; }

    /// <summary>The recorded identity of the session's <c>claude</c> process, or null when pid, start or host is unknown.</summary>
    public ProcessIdentity? Process => Pid is { } pid && ProcessStart is { } start && Host is { } host
        ? new ProcessIdentity(host, pid, start, ProcessBootId, ProcessStartTicks)
        : null;

    /// <summary>The path of Claude Code's transcript file for the session (hook input <c>transcript_path</c>).</summary>
    public string? TranscriptPath { get; init; }

    /// <summary>The model the session uses, from the SessionStart hook input.</summary>
    public string? Model { get; init; }

    /// <summary>What the session is working on, set by a person or an agent (<c>baton task</c>).</summary>
    public string? Task { get; init; }

    /// <summary>The name of the last hook event applied, for example <c>PostToolUse</c>.</summary>
    public string? LastEvent { get; init; }

    /// <summary>The <c>tool_name</c> of the last tool use seen, for example <c>Bash</c>.</summary>
    public string? LastTool { get; init; }

    /// <summary>When Baton first learned of the session (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the session last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the session ended (UTC); null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How it ended: the SessionEnd <c>reason</c> (e.g. <c>prompt_input_exit</c>), or Baton's own
    /// (<c>pruned</c>, <c>killed</c>, <c>exited</c>, <c>launch_failed</c>, see <see cref="SessionRegistry"/>); null while open.</summary>
    public string? EndReason { get; init; }

    /// <summary>How many subagents (SubagentStart without a SubagentStop yet) are running.</summary>
    public int ActiveSubagents { get; init; }

    /// <summary>
    /// Since when the session has had its <see cref="Status"/> (UTC): kept by the store, which sets it to the
    /// <see cref="UpdatedAt"/> of the change that changed the status and keeps it otherwise (whatever the change says);
    /// null until stored. Tells how long a prompt has waited, which <see cref="UpdatedAt"/> (moved by every hook) cannot.
    /// </summary>
    public DateTimeOffset? StatusSince { get; init; }

    /// <summary>True when the main agent stopped while subagents still ran: the session turns waiting_input when the last one stops.</summary>
    public bool StopPending { get; init; }

    /// <summary>
    /// The order key of the last applied hook event (see <see cref="HookEventOrder"/>): an event with a smaller key
    /// arrived late (hooks run in the background, in parallel) and does not change the status.
    /// </summary>
    public long EventOrder { get; init; }

    /// <summary>The id <c>baton new</c> gave the launch (also passed to claude as <c>BATON_LAUNCH_ID</c>); null for sessions started otherwise.</summary>
    public string? LaunchId { get; init; }

    /// <summary>The socket path of the tmux server running the session; null outside tmux.</summary>
    public string? TmuxSocket { get; init; }

    /// <summary>The tmux pane running <c>claude</c>, as a pane id such as <c>%3</c>; null outside tmux.</summary>
    public string? TmuxPane { get; init; }

    /// <summary>When a desktop notification was last sent for the session (UTC), for rate limiting; null when never.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }

    /// <summary>
    /// When a person marked the session's wait as seen (<c>baton ack</c>, UTC); null when not. A seen session stays in its
    /// status but sorts below unseen waiting ones and gets no desktop notification; the store clears the mark whenever the
    /// status changes (like <see cref="StatusSince"/>, whatever the change says).
    /// </summary>
    public DateTimeOffset? SeenAt { get; init; }

    /// <summary>The Claude Code task list the session shares (<c>baton new --task-list</c>, passed to claude as
    /// <c>CLAUDE_CODE_TASK_LIST_ID</c>); null when none.</summary>
    public string? TaskList { get; init; }

    /// <summary>The agent team the session is a teammate in (<see cref="Teammate.TeamName"/>); null for a session that is
    /// not a teammate.</summary>
    public string? TeamName { get; init; }

    /// <summary>The session's name in its agent team (<see cref="Teammate.AgentName"/>); null for a session that is not a
    /// teammate.</summary>
    public string? AgentName { get; init; }

    /// <summary>The <c>session_id</c> of the lead that started this teammate (<see cref="Teammate.ParentSessionId"/>); null
    /// for a session that is not a teammate.</summary>
    public string? ParentSessionId { get; init; }

    /// <summary>When <c>baton restore</c> claimed this ended run to bring its conversation back (UTC); null when not. A run
    /// is restored at most once: the claim and this mark are one store change.</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>Whether the session waits for a person who has not yet marked the wait as seen (<see cref="SeenAt"/>).</summary>
    public bool WaitsUnseen => Status.NeedsPerson() && SeenAt is null;

    /// <summary>Whether the session waits for a person who has marked the wait as seen (<see cref="SeenAt"/>).</summary>
    public bool WaitsSeen => Status.NeedsPerson() && SeenAt is not null;

    /// <summary>The session with <paramref name="process"/> recorded as its <c>claude</c> process (pid, start, host, boot),
    /// and the OS user of this process (<see cref="ThisProcess.UserName"/>) as its user when the process runs on this host.</summary>
    /// <param name="process">The process.</param>
    /// <returns>The changed session.</returns>
    public Session RunningAs(ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return this with
        {
            Pid = process.Pid,
            ProcessStart = process.StartTime,
            Host = process.Host,
            User = string.Equals(process.Host, ThisProcess.HostName, StringComparison.Ordinal) ? ThisProcess.UserName : User,
            ProcessBootId = process.BootId,
            ProcessStartTicks = process.StartTicks,
        };
    }

    /// <summary>Whether the session has ended and is part of history.</summary>
    public bool IsEnded => EndedAt is not null;
}
