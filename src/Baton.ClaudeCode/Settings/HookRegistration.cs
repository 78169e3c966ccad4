namespace Baton.ClaudeCode.Settings;

/// <summary>
/// One Claude Code hook event Baton listens to, and how: becomes one matcher group
/// <c>{"matcher": Matcher?, "hooks": [{"type": "command", ..., "async": true?, "timeout": TimeoutSeconds}]}</c>
/// in <c>hooks.&lt;EventName&gt;</c> (Claude Code settings, see shared/docs/claude-code.md, "Hooks").
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

    /// <summary>The hook's <c>timeout</c>, in seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public int TimeoutSeconds { get; init; } = TimeoutSeconds > 0
        ? TimeoutSeconds
        : throw new ArgumentOutOfRangeException(nameof(TimeoutSeconds), TimeoutSeconds, "A hook timeout must be positive.");
}
