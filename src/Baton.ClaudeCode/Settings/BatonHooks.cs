using Baton.ClaudeCode.Hooks;

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
    /// The option of the PostToolUse registration: <c>baton hook PostToolUse --rewake</c>, an <c>asyncRewake</c> hook that
    /// runs beside the agent instead of before its next step, and hands undelivered messages over by writing them to stderr
    /// and exiting 2, which Claude Code puts into the model's next request, after the tool result (seen with 2.1.197:
    /// "PostToolUse:Bash hook blocking error from command: …" then the text).
    /// </summary>
    public const string RewakeOption = "--rewake";

    /// <summary>
    /// The longest a wake hook waits at an idle prompt before it ends quietly (it is armed again at the next Stop): 8 hours.
    /// </summary>
    public static readonly TimeSpan WakeLifetime = TimeSpan.FromHours(8);

    /// <summary>The <c>timeout</c> of the wake registration, in seconds: <see cref="WakeLifetime"/> and one minute to end in.</summary>
    public static readonly int WakeTimeoutSeconds = (int)WakeLifetime.TotalSeconds + 60;

    /// <summary>The matcher of the PreToolUse registration for the tools that name the file they write
    /// (<see cref="ToolWrites.FileTools"/>): <c>Edit|MultiEdit|NotebookEdit|Write</c>.</summary>
    public static string FileTools { get; } = string.Join('|', ToolWrites.FileTools.Order(StringComparer.Ordinal));

    /// <summary>The matcher of the PreToolUse registration for every tool but Bash and <see cref="FileTools"/>: a JavaScript
    /// regular expression (Claude Code treats a matcher with characters other than letters, digits, <c>_</c>, <c>-</c>,
    /// <c>,</c> and <c>|</c> as an unanchored regular expression).</summary>
    public static string OtherTools { get; } = $"^(?!(?:Bash|{FileTools})$)";

    /// <summary>
    /// SessionStart, UserPromptSubmit, PreToolUse (three times: <see cref="FileTools"/>, <c>Bash</c>, <see cref="OtherTools"/>),
    /// PermissionRequest, Notification, PostToolUse <see cref="RewakeOption"/>, Stop <see cref="WakeOption"/>, StopFailure,
    /// SubagentStart, SubagentStop and SessionEnd, in that order, timeout <see cref="DefaultTimeoutSeconds"/> but for the wake
    /// hook; PermissionRequest and PostToolUse with matcher <see cref="AllTools"/>, the events without tools without a matcher.
    /// <para>Claude Code waits only for the hooks whose answer it must have before it goes on (each costs the agent a few
    /// milliseconds even when it answers at once: measured by the <c>hotpath</c> benchmark): SessionStart and
    /// UserPromptSubmit hand the agent its undelivered messages as <c>additionalContext</c>; PreToolUse of Bash and of the file
    /// tools may deny a write to a file another session holds a lease on (file leases, issue 4); SessionEnd is the last event
    /// before claude exits, and claude ends background hooks when it exits (an async SessionEnd never started in print
    /// mode). Everything else runs beside the agent: PreToolUse of other tools, PermissionRequest, Notification, StopFailure
    /// and the subagent events are <c>async</c>; PostToolUse <see cref="RewakeOption"/> and Stop <see cref="WakeOption"/> are
    /// <c>asyncRewake</c>, which print mode waits for before it exits, and which hand messages over by exiting 2: PostToolUse
    /// into the request after the tool result, the wake hook (which first records the turn's Stop, then waits at an idle
    /// prompt) by waking the session for a new turn (see shared/docs/claude-code.md, "Hooks").</para>
    /// <para>UserPromptSubmit and PreToolUse of Bash are <see cref="HookRegistration.Http"/>: posted straight to the resident
    /// server, they spare the agent a process start. The others are command hooks through <c>baton-relay</c>, which records
    /// the call in a process of its own when the server is down: SessionStart (Claude Code fires no HTTP SessionStart hook,
    /// and it starts the server), PreToolUse of the file tools (a lease decision must be made even then), SessionEnd, and
    /// those that run beside the agent.</para>
    /// </summary>
    public static IReadOnlyList<HookRegistration> Default { get; } = Array.AsReadOnly(
    [
        Sync("SessionStart"),
        Http("UserPromptSubmit"),
        Sync("PreToolUse", FileTools),
        Http("PreToolUse", "Bash"),
        Plain("PreToolUse", OtherTools),
        Plain("PermissionRequest", AllTools),
        Plain("Notification"),
        Sync("PostToolUse", AllTools) with { Option = RewakeOption, AsyncRewake = true },
        new HookRegistration("Stop", Async: false, Matcher: null, WakeTimeoutSeconds) { Option = WakeOption, AsyncRewake = true },
        Plain("StopFailure"),
        Plain("SubagentStart"),
        Plain("SubagentStop"),
        Sync("SessionEnd"),
    ]);

    private static HookRegistration Plain(string eventName, string? matcher = null) => new(eventName, Async: true, matcher, DefaultTimeoutSeconds);

    private static HookRegistration Http(string eventName, string? matcher = null) => Sync(eventName, matcher) with { Http = true };

    private static HookRegistration Sync(string eventName, string? matcher = null) => new(eventName, Async: false, matcher, DefaultTimeoutSeconds);
}
