namespace Baton.Core.Sessions;

/// <summary>What git says about a working directory.</summary>
/// <param name="TopLevel">The absolute path of the working tree's top-level folder.</param>
/// <param name="Branch">The checked-out branch, or a short commit id when HEAD is detached; null before the first commit on an unborn branch is named.</param>
/// <param name="Dirty">Whether there are staged, unstaged or untracked changes; null when git could not tell (missing, failed, too slow).</param>
public sealed record GitFacts(string TopLevel, string? Branch, bool? Dirty);
