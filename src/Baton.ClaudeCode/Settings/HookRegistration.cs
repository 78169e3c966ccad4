namespace Baton.ClaudeCode.Settings;

/// <summary>
/// One Claude Code hook event Baton listens to, and how: becomes one matcher group
/// <c>{"matcher": Matcher?, "hooks": [{"type": "command", ..., "async": true?, "asyncRewake": true?, "timeout": TimeoutSeconds}]}</c>
/// in <c>hooks.&lt;EventName&gt;</c> (Claude Code settings, see docs/claude-code.md, "Hooks").
/// One event may be registered more than once with different <see cref="Option"/>s (e.g. Stop, and Stop <c>--wake</c>).
/// </summary>
/// <param name="EventName">The Claude Code event, e.g. <c>PreToolUse</c>; letters only, starting with an upper-case one.</param>
/// <param name="Async">Whether the hook runs in the background without blocking the agent (<c>"async": true</c>; false writes no <c>async</c> key).</param>
/// <param name="Matcher">The tool pattern for tool events (e.g. <c>"*"</c>); null writes no <c>matcher</c> key.</param>
/// <param name="TimeoutSeconds">The hook's <c>timeout</c>, in seconds; positive.</param>
public sealed record HookRegistration(string EventName, bool Async, string? Matcher, int TimeoutSeconds)
{
    /// <summary>The Claude Code event, e.g. <c>PreToolUse</c>.</summary>
    /// <exception cref="ArgumentException">Not a PascalCase name made of ASCII letters.</exception>
    public string EventName { get; init; } = BatonHookEntry.IsEventName(EventName)
        ? EventName
        : throw new ArgumentException($"'{EventName}' is not a Claude Code event name (ASCII letters, starting upper-case).", nameof(EventName));

    /// <summary>
    /// An option passed after the event (<c>baton hook &lt;Event&gt; &lt;Option&gt;</c>), e.g. <c>--wake</c>, which tells the
    /// registration apart from others on the same event; null for none. Starts with <c>--</c>, then lower-case ASCII letters.
    /// </summary>
    /// <exception cref="ArgumentException">Not of that shape.</exception>
    public string? Option
    {
        get;
        init => field = value is null || IsOption(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a hook option ('--' then lower-case letters).", nameof(Option));
    }

    /// <summary>
    /// Whether Claude Code runs the hook in the background and, when it exits with code 2, wakes the model with its stderr
    /// (<c>"asyncRewake": true</c>; false writes no key). Implies running in the background, so <see cref="Async"/> stays false.
    /// </summary>
    public bool AsyncRewake { get; init; }

    /// <summary>
    /// Whether the hook is an HTTP hook to the resident server when the installer is given its endpoint
    /// (<c>{"type": "http", "url": "http://127.0.0.1:PORT/baton/hooks/&lt;Event&gt;", …}</c>, see
    /// <see cref="Core.Relay.HttpHookProtocol"/>); without an endpoint it is written as a command hook like the others.
    /// Claude Code waits for an HTTP hook, but it costs about a millisecond instead of a process start; when the server is
    /// down the call fails without blocking the agent, and the event is not recorded. Option-less registrations only.
    /// </summary>
    public bool Http { get; init; }

    /// <summary>The hook's <c>timeout</c>, in seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public int TimeoutSeconds { get; init; } = TimeoutSeconds > 0
        ? TimeoutSeconds
        : throw new ArgumentOutOfRangeException(nameof(TimeoutSeconds), TimeoutSeconds, "A hook timeout must be positive.");

    /// <summary>Whether <paramref name="text"/> has the shape of an <see cref="Option"/>.</summary>
    internal static bool IsOption(string? text) =>
        text is { Length: > 2 } && text.StartsWith("--", StringComparison.Ordinal) && text[2..].All(char.IsAsciiLetterLower);
}
