namespace Baton.Core.Sessions;

/// <summary>What <c>baton new</c> knows about a session before claude starts.</summary>
/// <param name="LaunchId">A fresh id for the launch; the session row carries it until Claude Code names the session.</param>
/// <param name="Name">The requested name; null to generate one (project and a number).</param>
/// <param name="Task">The task description, or null.</param>
/// <param name="Directory">The folder claude starts in, absolute.</param>
/// <param name="Git">Git facts about <paramref name="Directory"/>, or null outside git.</param>
/// <param name="Actor">Who launches: a session id or <see cref="SessionRegistry.HumanActor"/>.</param>
/// <param name="TaskList">The Claude Code task list the session shares (<c>CLAUDE_CODE_TASK_LIST_ID</c>), or null.</param>
public sealed record LaunchRequest(string LaunchId, string? Name, string? Task, string Directory, GitFacts? Git, string Actor, string? TaskList = null);
