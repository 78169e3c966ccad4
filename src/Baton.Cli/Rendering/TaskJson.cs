namespace Baton.Cli.Rendering;

/// <summary>A session's task in <c>--json</c> output: <c>{"session_id": "...", "name": "..."|null, "task": "..."|null}</c>.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="Name">The session's name.</param>
/// <param name="Task">The task description.</param>
internal sealed record TaskJson(string SessionId, string? Name, string? Task);
