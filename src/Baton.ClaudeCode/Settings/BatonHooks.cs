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

    /// <summary>The option of the Stop registration that wakes an idle session when a message arrives: <c>baton hook Stop --wake</c>.</summary>
    public const string WakeOption = "--wake";

    /// <summary>
    /// The longest a wake hook waits at an idle prompt before it ends quietly (it is armed again at the next Stop): 8 hours.
    /// </summary>
    public static readonly TimeSpan WakeLifetime = TimeSpan.FromHours(8);

    /// <summary>The <c>timeout</c> of the wake registration, in seconds: <see cref="WakeLifetime"/> and one minute to end in.</summary>
    public static readonly int WakeTimeoutSeconds = (int)WakeLifetime.TotalSeconds + 60;

    /// <summary>
    /// SessionStart, SessionStart <see cref="WakeOption"/>, UserPromptSubmit, PreToolUse, PermissionRequest, Notification, PostToolUse,
    /// Stop, Stop <see cref="WakeOption"/>, StopFailure, SubagentStart, SubagentStop and SessionEnd, in that order, timeout
    /// <see cref="DefaultTimeoutSeconds"/>; the three tool events with matcher <see cref="AllTools"/>, the others without a
    /// matcher. These run synchronously, because Claude Code must wait for what they answer:
    /// SessionStart, UserPromptSubmit and PostToolUse hand the agent its undelivered messages as <c>additionalContext</c>;
    /// PreToolUse may deny a write to a file another session holds a lease on (file leases, issue 4); Stop and SessionEnd
    /// may be the last events before claude exits, and claude ends background hooks when it exits (seen in print mode:
    /// SIGTERM to running async hooks, an async SessionEnd never started). The others are <c>async</c> (they never delay the
    /// agent). Stop and SessionStart <see cref="WakeOption"/> are <c>asyncRewake</c> with timeout <see cref="WakeTimeoutSeconds"/>
    /// (SessionStart's so that a session at rest at its prompt since it started or resumed, which never had a Stop, can be
    /// woken too; pinned by <c>ClaudeCliFactsTests</c>): it waits in the background at an idle prompt and, when a message arrives, exits 2 with the message, which makes the session
    /// take a new turn (see shared/docs/claude-code.md, "Hooks").
    /// </summary>
    public static IReadOnlyList<HookRegistration> Default { get; } = Array.AsReadOnly(
    [
        Sync("SessionStart"),
        Wake("SessionStart"),
        Sync("UserPromptSubmit"),
        Sync("PreToolUse", AllTools),
        Plain("PermissionRequest", AllTools),
        Plain("Notification"),
        Sync("PostToolUse", AllTools),
        Sync("Stop"),
        Wake("Stop"),
        Plain("StopFailure"),
        Plain("SubagentStart"),
        Plain("SubagentStop"),
        Sync("SessionEnd"),
    ]);

    private static HookRegistration Wake(string eventName) =>
        new(eventName, Async: false, Matcher: null, WakeTimeoutSeconds) { Option = WakeOption, AsyncRewake = true };

    private static HookRegistration Plain(string eventName, string? matcher = null) => new(eventName, Async: true, matcher, DefaultTimeoutSeconds);

    private static HookRegistration Sync(string eventName, string? matcher = null) => new(eventName, Async: false, matcher, DefaultTimeoutSeconds);
}
