namespace Baton.Cli.Rendering;

/// <summary>
/// One run in <c>baton restore --json</c> (an array of these): a conversation lost with its machine or tmux server and
/// what restore did with it. Snake_case names; absent values are null. Fields may be added, never renamed or removed.
/// </summary>
/// <param name="SessionId">The conversation's id (Claude Code's <c>session_id</c>), resumed with <c>claude --resume</c>.</param>
/// <param name="Name">The session's name, given to the restored session.</param>
/// <param name="Task">The session's task, given to the restored session.</param>
/// <param name="TaskList">The Claude Code task list it shares, or null.</param>
/// <param name="Cwd">The folder (its worktree, for a worktree session) it runs in again.</param>
/// <param name="Restored">Whether it was started again: false on <c>--dry-run</c> and on failure.</param>
/// <param name="LaunchId">The launch id of the restored session (its id in <c>baton ls</c> until claude names it); null when not started.</param>
/// <param name="TmuxPane">The tmux pane it runs in, e.g. <c>%3</c>; null when not started.</param>
/// <param name="Error">Why it could not be started (it stays to restore later); null otherwise.</param>
internal sealed record RestoreJson(
    string SessionId,
    string? Name,
    string? Task,
    string? TaskList,
    string? Cwd,
    bool Restored,
    string? LaunchId,
    string? TmuxPane,
    string? Error);
