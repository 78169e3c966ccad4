using Baton.ClaudeCode.Hooks;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// The Claude Code hook events Baton installs itself on
/// (Claude Code settings, see docs/claude-code.md, "Hooks").
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

    /// <summary>The matcher of the PreToolUse registration for the tools that name the file they write
    /// (<see cref="ToolWrites.FileTools"/>): <c>Edit|MultiEdit|NotebookEdit|Write</c>.</summary>
    public static string FileTools { get; } = string.Join('|', ToolWrites.FileTools.Order(StringComparer.Ordinal));

    /// <summary>The matcher of the PreToolUse registration for every other tool: a JavaScript regular expression that
    /// matches any tool name but those of <see cref="FileTools"/> (Claude Code treats a matcher with characters other than
    /// letters, digits, <c>_</c>, <c>-</c>, <c>,</c> and <c>|</c> as an unanchored regular expression).</summary>
    public static string OtherTools { get; } = $"^(?!(?:{FileTools})$)";

    /// <summary>
    /// SessionStart, SessionStart <see cref="WakeOption"/>, UserPromptSubmit, PreToolUse (twice: <see cref="FileTools"/> and
    /// <see cref="OtherTools"/>), PermissionRequest, Notification, PostToolUse, Stop, Stop <see cref="WakeOption"/>, StopFailure,
    /// StopFailure <see cref="WakeOption"/>, SubagentStart, SubagentStop, TeammateIdle, TaskCreated, TaskCompleted (agent teams and Claude Code's task tools) and
    /// SessionEnd, in that order, timeout <see cref="DefaultTimeoutSeconds"/>; PermissionRequest
    /// and PostToolUse with matcher <see cref="AllTools"/>, the events without tools without a matcher.
    /// <para>Claude Code waits for these, because it must have what they answer: SessionStart, UserPromptSubmit and
    /// PostToolUse hand the agent its undelivered messages as <c>additionalContext</c>; PreToolUse may deny a write to a file
    /// another session holds a lease on (file leases, issue 4); Stop and SessionEnd may be the last events before claude
    /// exits, and an older claude ends background hooks when it exits (2.1.197 in print mode: SIGTERM to running async hooks,
    /// an async SessionEnd never started; <see cref="For"/> makes SessionEnd async for a newer one). The others are <c>async</c> (they never delay the agent).</para>
    /// <para>The events of every tool call and turn (UserPromptSubmit, PreToolUse of <see cref="OtherTools"/>, PostToolUse and
    /// Stop) are <see cref="HookRegistration.Http"/>: about a millisecond each instead of a process start (measured by the
    /// <c>hotpath</c> benchmark). The rest stay command hooks through <c>baton-relay</c>, which records the call in a process of
    /// its own when the server is down: SessionStart (Claude Code fires no HTTP SessionStart hook, and it starts the
    /// server), PreToolUse of <see cref="FileTools"/> (a lease decision must be made even then), SessionEnd (the last word),
    /// and the async ones, which cost the agent no time.</para>
    /// <para>These are the registrations of <see cref="WakeRoute.Hooks"/>; <see cref="For"/> gives those of either route.</para>
    /// <para>Stop, StopFailure and SessionStart <see cref="WakeOption"/> are <c>asyncRewake</c> with timeout
    /// <see cref="WakeTimeoutSeconds"/> (StopFailure's and SessionStart's so that a session at rest at its prompt after a
    /// failed turn, or since it started or resumed, which never had a Stop, can be woken too; pinned by
    /// <c>ClaudeCliFactsTests</c>): each waits in the background at an idle prompt and, when a message
    /// arrives, exits 2 with the message, which makes the session take a new turn (see docs/claude-code.md, "Hooks");
    /// when Stop's has to run without the server it also records the turn's Stop, which the HTTP hook could not.</para>
    /// </summary>
    public static IReadOnlyList<HookRegistration> Default { get; } = Array.AsReadOnly(
    [
        Sync("SessionStart"),
        Wake("SessionStart"),
        Http("UserPromptSubmit"),
        Sync("PreToolUse", FileTools),
        Http("PreToolUse", OtherTools),
        Plain("PermissionRequest", AllTools),
        Plain("Notification"),
        Http("PostToolUse", AllTools),
        Http("Stop"),
        Wake("Stop"),
        Plain("StopFailure"),
        Wake("StopFailure"),
        Plain("SubagentStart"),
        Plain("SubagentStop"),
        Plain("TeammateIdle"),
        Plain("TaskCreated"),
        Plain("TaskCompleted"),
        Sync("SessionEnd"),
    ]);

    /// <summary>
    /// The registrations for a wake route: <see cref="Default"/> for <see cref="WakeRoute.Hooks"/>. For
    /// <see cref="WakeRoute.Socket"/> (a claude of <see cref="Versions.ClaudeCodeVersion.FirstWithMessagingSocket"/> or
    /// later), the same without the <see cref="WakeOption"/> ones, since the resident server wakes idle sessions through
    /// claude's messaging socket, so claude starts no wake hook process at SessionStart, Stop and StopFailure (in a
    /// <c>claude -p</c> run it waits for the Stop one before it exits); and with SessionEnd <c>async</c>: such a claude runs a
    /// background SessionEnd hook to its end after it exited (pinned by <c>ClaudeCliFactsTests</c>) instead of waiting for
    /// it, and the resident server ends a session whose SessionEnd still did not come, once claude removed its registry entry.
    /// </summary>
    /// <param name="route">How idle sessions are woken.</param>
    /// <returns>The registrations, in <see cref="Default"/>'s order.</returns>
    public static IReadOnlyList<HookRegistration> For(WakeRoute route) => route == WakeRoute.Socket ? SocketRoute : Default;

    private static IReadOnlyList<HookRegistration> SocketRoute { get; } = Array.AsReadOnly(Default
        .Where(r => r.Option != WakeOption)
        .Select(r => r.EventName == "SessionEnd" ? r with { Async = true } : r)
        .ToArray());

    private static HookRegistration Wake(string eventName) =>
        new(eventName, Async: false, Matcher: null, WakeTimeoutSeconds) { Option = WakeOption, AsyncRewake = true };

    private static HookRegistration Plain(string eventName, string? matcher = null) => new(eventName, Async: true, matcher, DefaultTimeoutSeconds);

    private static HookRegistration Http(string eventName, string? matcher = null) => Sync(eventName, matcher) with { Http = true };

    private static HookRegistration Sync(string eventName, string? matcher = null) => new(eventName, Async: false, matcher, DefaultTimeoutSeconds);
}
