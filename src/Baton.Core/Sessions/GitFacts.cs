using Baton.Core.Repositories;

namespace Baton.Core.Sessions;

/// <summary>What git says about a working directory.</summary>
/// <param name="TopLevel">The absolute path of the working tree's top-level folder.</param>
/// <param name="Branch">The checked-out branch, or a short commit id when HEAD is detached; null before the first commit on an unborn branch is named.</param>
/// <param name="Dirty">Whether there are staged, unstaged or untracked changes; null when git could not tell (missing, failed, too slow).</param>
/// <param name="Repository">The folder of the repository the working tree belongs to: for a linked worktree the main
/// worktree's top-level folder (<see cref="GitWorkingTree.RepositoryOf"/>); null when it is <paramref name="TopLevel"/> itself.</param>
public sealed record GitFacts(string TopLevel, string? Branch, bool? Dirty, string? Repository = null)
{
    /// <summary>The name of the project the working tree belongs to: its repository's folder name (a linked worktree's
    /// project is its repository, not the worktree's folder).</summary>
    public string Project => StatusModel.ProjectName(Repository ?? TopLevel);
}
