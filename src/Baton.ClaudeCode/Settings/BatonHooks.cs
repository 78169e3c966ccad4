namespace Baton.ClaudeCode.Settings;

/// <summary>
/// The Claude Code hook events Baton installs itself on
/// (Claude Code settings, see shared/docs/claude-code.md, "Hooks").
/// </summary>
public static class BatonHooks
{
    /// <summary>The <c>timeout</c> of every default registration, in seconds.</summary>
    public const int DefaultTimeoutSeconds = 10;

    /// <summary>The matcher of the tool events (PreToolUse, PermissionRequest, PostToolUse): every tool.</summary>
    public const string AllTools = "*";

    /// <summary>
    /// SessionStart, UserPromptSubmit, PreToolUse, PermissionRequest, Notification, PostToolUse,
    /// Stop, StopFailure, SubagentStart, SubagentStop and SessionEnd, in that order, timeout
    /// <see cref="DefaultTimeoutSeconds"/>; the three tool events with matcher <see cref="AllTools"/>,
    /// the others without a matcher. All are <c>async</c> (they never delay the agent) but three:
    /// PreToolUse, whose answer Claude Code must wait for, since it may deny a write to a file another
    /// session holds a lease on (file leases, issue 4); and Stop and SessionEnd: they may be the last
    /// events before claude exits, and claude ends background hooks when it exits (seen in print mode:
    /// SIGTERM to running async hooks, an async SessionEnd never started), so they run synchronously,
    /// at the end of a turn, where no work waits on them.
    /// </summary>
    public static IReadOnlyList<HookRegistration> Default { get; } = Array.AsReadOnly(
    [
        Plain("SessionStart"),
        Plain("UserPromptSubmit"),
        new HookRegistration("PreToolUse", Async: false, AllTools, DefaultTimeoutSeconds),
        Tool("PermissionRequest"),
        Plain("Notification"),
        Tool("PostToolUse"),
        Final("Stop"),
        Plain("StopFailure"),
        Plain("SubagentStart"),
        Plain("SubagentStop"),
        Final("SessionEnd"),
    ]);

    private static HookRegistration Plain(string eventName) => new(eventName, Async: true, Matcher: null, DefaultTimeoutSeconds);

    private static HookRegistration Final(string eventName) => new(eventName, Async: false, Matcher: null, DefaultTimeoutSeconds);

    private static HookRegistration Tool(string eventName) => new(eventName, Async: true, AllTools, DefaultTimeoutSeconds);
}
