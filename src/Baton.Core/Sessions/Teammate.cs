namespace Baton.Core.Sessions;

/// <summary>
/// What makes a session a teammate of an agent team (Claude Code 2.1.332 with <c>CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS=1</c>):
/// a separate claude process its lead started with <c>--team-name</c>, <c>--agent-name</c> and <c>--parent-session-id</c>
/// (see docs/claude-code.md, "Agent teams").
/// </summary>
/// <param name="TeamName">The team, for example <c>session-c8bb6339</c> (Claude Code names a session's implicit team after it).</param>
/// <param name="AgentName">The teammate's name in the team, for example <c>alice</c>.</param>
/// <param name="ParentSessionId">The lead's <c>session_id</c>; null when not given.</param>
public sealed record Teammate(string TeamName, string AgentName, string? ParentSessionId);
