namespace Baton.Cli.Sessions;

/// <summary>What <c>baton new</c> was asked for.</summary>
/// <param name="Directory">The folder to start claude in (absolute).</param>
/// <param name="Name">The session's name, or null to generate one.</param>
/// <param name="Task">The task description, or null.</param>
/// <param name="Prompt">The first prompt, or null (then the task is the prompt), or empty for no prompt at all (a restored
/// conversation takes up where it stopped).</param>
/// <param name="Resume">A conversation to resume (<c>claude --resume</c>): its id, a unique prefix of it or a session name (<see cref="Core.Sessions.ConversationLookup"/>); or null.</param>
/// <param name="Worktree">A branch to run on in its own git worktree, or null.</param>
/// <param name="TaskList">A Claude Code task list id to share (<c>CLAUDE_CODE_TASK_LIST_ID</c>), or null.</param>
/// <param name="Detach">Never switch or attach the user's terminal.</param>
/// <param name="ClaudeArguments">More arguments for claude (what follows <c>--</c>).</param>
internal sealed record LaunchOptions(
    string Directory,
    string? Name,
    string? Task,
    string? Prompt,
    string? Resume,
    string? Worktree,
    string? TaskList,
    bool Detach,
    IReadOnlyList<string> ClaudeArguments);
