namespace Baton.Core.Sessions;

/// <summary>The Claude Code hook event names Baton records (see docs/claude-code.md, "Hooks").</summary>
public static class HookEvents
{
    /// <summary>A session started, resumed, was cleared or compacted.</summary>
    public const string SessionStart = "SessionStart";
    /// <summary>A person submitted a prompt.</summary>
    public const string UserPromptSubmit = "UserPromptSubmit";
    /// <summary>A tool is about to be used.</summary>
    public const string PreToolUse = "PreToolUse";
    /// <summary>A permission prompt is about to be shown.</summary>
    public const string PermissionRequest = "PermissionRequest";
    /// <summary>Claude Code notified the person (permission prompt, idle prompt, …).</summary>
    public const string Notification = "Notification";
    /// <summary>A tool use finished.</summary>
    public const string PostToolUse = "PostToolUse";
    /// <summary>A tool use failed.</summary>
    public const string PostToolUseFailure = "PostToolUseFailure";
    /// <summary>The main agent's turn ended.</summary>
    public const string Stop = "Stop";
    /// <summary>The turn ended on an API error.</summary>
    public const string StopFailure = "StopFailure";
    /// <summary>A subagent started.</summary>
    public const string SubagentStart = "SubagentStart";
    /// <summary>A subagent finished.</summary>
    public const string SubagentStop = "SubagentStop";
    /// <summary>A teammate of an agent team is about to go idle (fired in the teammate's own session).</summary>
    public const string TeammateIdle = "TeammateIdle";
    /// <summary>A Claude Code task was created (TaskCreate, or a teammate's).</summary>
    public const string TaskCreated = "TaskCreated";
    /// <summary>A Claude Code task was marked completed.</summary>
    public const string TaskCompleted = "TaskCompleted";
    /// <summary>The session ended.</summary>
    public const string SessionEnd = "SessionEnd";

    /// <summary>Every event Baton records, in the order they occur within a turn (used to break ties between events that start in the same 10 ms).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SessionStart, UserPromptSubmit, SubagentStart, PreToolUse, PermissionRequest, Notification,
        PostToolUse, PostToolUseFailure, TaskCreated, TaskCompleted, SubagentStop, TeammateIdle, Stop, StopFailure, SessionEnd,
    ];

    /// <summary>Whether Baton knows the event name (case-sensitive, as Claude Code writes it).</summary>
    /// <param name="name">An event name.</param>
    /// <returns>True for a recorded event.</returns>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The event's place in a turn, 0-based (see <see cref="All"/>).</summary>
    /// <param name="name">A known event name.</param>
    /// <returns>Its rank.</returns>
    /// <exception cref="ArgumentException">The event is unknown.</exception>
    public static int RankOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown hook event '{name}'.", nameof(name));
    }

    /// <summary>Events that carry a <c>tool_name</c>.</summary>
    /// <param name="name">An event name.</param>
    /// <returns>True for tool events.</returns>
    public static bool IsToolEvent(string name) =>
        name is PreToolUse or PermissionRequest or PostToolUse or PostToolUseFailure;
}
