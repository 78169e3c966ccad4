namespace Baton.Core.Sessions;

/// <summary>
/// Applies a hook observation to a session, per the status model in docs/status-model.md. Pure: no I/O.
/// </summary>
public static class StatusModel
{
    /// <summary>How the <see cref="Session.StatusReason"/> of a session at rest after a failed turn (StopFailure) begins,
    /// followed by Claude Code's error, for example <c>turn failed: rate_limit</c>.</summary>
    public const string FailedTurnPrefix = "turn failed: ";

    /// <summary>The error of the failed turn a session waiting for input rests after (what follows
    /// <see cref="FailedTurnPrefix"/> in its <see cref="Session.StatusReason"/>), or null when its last turn did not fail.</summary>
    /// <param name="session">The session.</param>
    /// <returns>Claude Code's error text, or null.</returns>
    public static string? FailedTurnError(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session is { Status: SessionStatus.WaitingInput, StatusReason: { } reason } && reason.StartsWith(FailedTurnPrefix, StringComparison.Ordinal)
            ? reason[FailedTurnPrefix.Length..]
            : null;
    }

    /// <summary>
    /// Computes the session after an observation. Facts (cwd, transcript, model, process, git) are always taken; the
    /// status, last event and last tool only when the observation is not older than the last applied one
    /// (<see cref="Session.EventOrder"/>). An ended session is reopened only by SessionStart or UserPromptSubmit.
    /// </summary>
    /// <param name="current">The stored session, or null for a session seen for the first time.</param>
    /// <param name="observation">What the hook saw.</param>
    /// <returns>The new state of the session.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observation"/> is null.</exception>
    public static Session Apply(Session? current, HookObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var session = WithFacts(current ?? NewSession(observation), observation);
        if (observation.Order < session.EventOrder)
        {
            return IsLateFailureOfRestingTurn(session, observation)
                ? session with { LastEvent = observation.EventName, StatusReason = FailedTurnReason(observation) }
                : session;
        }

        var reopens = observation.EventName is HookEvents.SessionStart or HookEvents.UserPromptSubmit;
        if (session.IsEnded && !reopens)
        {
            return session;
        }

        session = session with
        {
            EventOrder = observation.Order,
            LastEvent = observation.EventName,
            LastTool = HookEvents.IsToolEvent(observation.EventName) ? observation.ToolName ?? session.LastTool : session.LastTool,
            EndedAt = null,
            EndReason = null,
        };
        return Transition(session, observation);
    }

    /// <summary>
    /// Applies what Claude Code's live-session registry said (<see cref="RegistryObservation"/>): <c>waiting</c> for a
    /// permission prompt is <see cref="SessionStatus.WaitingPermission"/>; <c>waiting</c> for anything else (a dialog,
    /// input) is <see cref="SessionStatus.WaitingInput"/> with what for as <see cref="Session.StatusReason"/>; <c>idle</c> is
    /// <see cref="SessionStatus.WaitingInput"/> (or, while subagents run, <see cref="SessionStatus.Running"/> with
    /// <see cref="Session.StopPending"/>); <c>busy</c> is <see cref="SessionStatus.Running"/>. A reading older than the last
    /// event applied, of an ended session, or of an unknown state changes nothing; a session Baton never heard of is made
    /// from it.
    /// </summary>
    /// <param name="current">The session as stored, or null.</param>
    /// <param name="observation">What the registry said.</param>
    /// <returns>The next state of the session (<paramref name="current"/> itself when nothing changes).</returns>
    public static Session Apply(Session? current, RegistryObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var session = current ?? new Session
        {
            SessionId = observation.SessionId,
            StartedAt = observation.At,
            UpdatedAt = observation.At,
            Cwd = observation.Cwd,
            ProjectRoot = observation.Cwd,
            Project = observation.Cwd is null ? null : ProjectName(observation.Cwd),
        };
        if (observation.Order < session.EventOrder || session.IsEnded)
        {
            return session;
        }

        var next = observation.State switch
        {
            "waiting" when observation.WaitingFor == "permission prompt" => session with { Status = SessionStatus.WaitingPermission, StatusReason = null },
            "waiting" => session with { Status = SessionStatus.WaitingInput, StatusReason = observation.WaitingFor ?? "waiting" },
            "idle" when session.ActiveSubagents > 0 => Running(session) with { StopPending = true },
            "idle" when IdlePrompt.AtPrompt(session) => session, // keeps a failed turn's reason
            "idle" => session with { Status = SessionStatus.WaitingInput, StatusReason = null, StopPending = false },
            "busy" when session.Status != SessionStatus.Running || session.StatusReason is not null => Running(session),
            _ => session,
        };
        if (ReferenceEquals(next, session) || (next.Status == session.Status && next.StatusReason == session.StatusReason && next.StopPending == session.StopPending))
        {
            return session;
        }

        return (observation.Process is { } process && next.Process is null ? next.RunningAs(process) : next) with
        {
            EventOrder = observation.Order,
            UpdatedAt = observation.At,
        };
    }

    private static Session NewSession(HookObservation observation) => new()
    {
        SessionId = observation.SessionId,
        StartedAt = observation.At,
        UpdatedAt = observation.At,
    };

    private static Session WithFacts(Session session, HookObservation o)
    {
        var root = o.Git?.TopLevel ?? session.ProjectRoot ?? o.Cwd;
        return (o.Process is { } process ? session.RunningAs(process) : session) with
        {
            UpdatedAt = o.At,
            Cwd = o.Cwd ?? session.Cwd,
            TranscriptPath = o.TranscriptPath ?? session.TranscriptPath,
            Model = o.Model ?? session.Model,
            ProjectRoot = root,
            Project = o.Git is { } git ? git.Project
                : root is null || (root == session.ProjectRoot && session.Project is not null) ? session.Project
                : ProjectName(root),
            Branch = o.Git is null ? session.Branch : o.Git.Branch,
            Dirty = o.Git is null ? session.Dirty : o.Git.Dirty,
            TmuxSocket = o.TmuxSocket ?? session.TmuxSocket,
            TmuxPane = o.TmuxPane ?? session.TmuxPane,
            LaunchId = session.LaunchId ?? o.LaunchId,
            // Claude's environment names its native list: taken when the session is first seen or (re)starts, so a session
            // that left its list (task_join with none) is not put back on it by every later hook.
            TaskList = session.TaskList ?? (o.EventName == HookEvents.SessionStart || session.LastEvent is null ? o.TaskList : null),
            TeamName = o.Teammate?.TeamName ?? session.TeamName,
            AgentName = o.Teammate?.AgentName ?? session.AgentName,
            ParentSessionId = o.Teammate?.ParentSessionId ?? session.ParentSessionId,
        };
    }

    /// <summary>
    /// A StopFailure older than what was applied last, for a session at rest at its prompt without a reason whose last
    /// hook began a turn: Claude Code's registry said <c>idle</c> after claude started the (asynchronous) StopFailure hook
    /// but before it was recorded. The turn it ends is the one that came to rest, so its error is still told.
    /// </summary>
    private static bool IsLateFailureOfRestingTurn(Session session, HookObservation observation) =>
        observation.EventName == HookEvents.StopFailure
        && session is { Status: SessionStatus.WaitingInput, StatusReason: null, IsEnded: false }
        && session.LastEvent is not (HookEvents.Stop or HookEvents.StopFailure or HookEvents.SessionStart or null);

    /// <summary>The name of a project: the last folder name of its root (the root itself for <c>/</c>).</summary>
    /// <param name="root">An absolute folder path.</param>
    /// <returns>The folder's name.</returns>
    public static string ProjectName(string root) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) is { Length: > 0 } name ? name : root;

    private static Session Transition(Session s, HookObservation o) => o.EventName switch
    {
        HookEvents.SessionStart => AtStart(s, o.Reason),
        HookEvents.PostToolUse or HookEvents.PostToolUseFailure =>
            Running(s),
        HookEvents.UserPromptSubmit =>
            Running(s) with { StopPending = false },
        HookEvents.PreToolUse =>
            Running(s) with { StopPending = o.AgentId is not null && s.StopPending }, // a subagent's tool call starts no main turn
        HookEvents.SubagentStart =>
            Running(s) with { ActiveSubagents = s.ActiveSubagents + 1 },
        HookEvents.SubagentStop => SubagentStopped(s with { ActiveSubagents = Math.Max(0, s.ActiveSubagents - 1) }),
        HookEvents.PermissionRequest => s with { Status = SessionStatus.WaitingPermission, StatusReason = null },
        HookEvents.Notification => o.NotificationType switch
        {
            "permission_prompt" => s with { Status = SessionStatus.WaitingPermission, StatusReason = null },
            "idle_prompt" or "elicitation_dialog" => s with { Status = SessionStatus.WaitingInput, StatusReason = null },
            _ => s,
        },
        HookEvents.Stop => TurnEnded(s, reason: null),
        HookEvents.StopFailure => TurnEnded(s, FailedTurnReason(o)),
        HookEvents.SessionEnd => s with
        {
            Status = SessionStatus.Exited,
            StatusReason = null,
            EndedAt = o.At,
            EndReason = o.Reason ?? "other",
            ActiveSubagents = 0,
            StopPending = false,
        },
        _ => s,
    };

    /// <summary>
    /// SessionStart: Claude Code is at its prompt (started without a prompt, resumed, cleared), so the session waits for
    /// input until a prompt's UserPromptSubmit says otherwise; a compaction (source <c>compact</c>, manual or in the middle
    /// of a turn) leaves the status as it was, except that a session still starting is running.
    /// </summary>
    private static Session AtStart(Session s, string? source) => source == "compact"
        ? (s.Status is SessionStatus.Starting or SessionStatus.Exited ? Running(s) : s)
        : s with { Status = SessionStatus.WaitingInput, StatusReason = null, StopPending = false };

    /// <summary>A StopFailure's <see cref="Session.StatusReason"/>: <see cref="FailedTurnPrefix"/> and Claude Code's error.</summary>
    private static string FailedTurnReason(HookObservation failure) => FailedTurnPrefix + (failure.Reason ?? "API error");

    /// <summary>Stop or StopFailure: the main agent's turn ended, so the session rests at its prompt (with
    /// <paramref name="reason"/>, a failed turn's), or runs only subagents that outlived the turn.</summary>
    private static Session TurnEnded(Session s, string? reason) => s.ActiveSubagents > 0
        ? Running(s) with { StopPending = true }
        : s with { Status = SessionStatus.WaitingInput, StatusReason = reason, StopPending = false };

    private static Session Running(Session s) => s with { Status = SessionStatus.Running, StatusReason = null };

    private static Session SubagentStopped(Session s) => s.ActiveSubagents == 0 && s.StopPending
        ? s with { Status = SessionStatus.WaitingInput, StatusReason = null, StopPending = false }
        : s;
}
