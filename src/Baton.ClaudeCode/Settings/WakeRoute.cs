namespace Baton.ClaudeCode.Settings;

/// <summary>
/// How a session idle at its prompt is woken when a message or a task notice reaches it, which decides whether Baton's
/// hooks include the <c>asyncRewake</c> wake hooks (<see cref="BatonHooks.For"/>).
/// </summary>
public enum WakeRoute
{
    /// <summary>Wake hooks: <c>asyncRewake</c> command hooks on SessionStart, Stop and StopFailure that wait at the idle
    /// prompt and exit 2 with the messages. Works with every supported Claude Code, but claude starts a process for each,
    /// and in print mode it waits for the Stop one before it exits.</summary>
    Hooks,

    /// <summary>Claude Code's own messaging socket: the resident server writes the messages to the idle session's socket
    /// (its registry names it, see docs/claude-code.md), and no wake hook is installed. Needs a Claude Code that has one
    /// (<see cref="Versions.ClaudeCodeVersion.HasMessagingSocket"/>).</summary>
    Socket,
}
