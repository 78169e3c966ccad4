namespace Baton.Cli.Hooks;

/// <summary>What <see cref="HookHandler.Handle"/> did.</summary>
/// <param name="SessionId">The session the event was recorded for.</param>
/// <param name="GitDirectory">The working tree whose git state is still to be read and recorded, or null.</param>
internal sealed record HookHandled(string SessionId, string? GitDirectory);
