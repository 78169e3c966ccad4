using Baton.Core.Sessions;

namespace Baton.Core.Repositories;

/// <summary>
/// A git working tree as its files on disk tell it, without starting git: its top-level folder, the branch <c>HEAD</c>
/// names, and the repository a linked worktree belongs to. The dirty state needs <c>git status</c>, which the platform's
/// <c>GitProbe</c> runs.
/// </summary>
public static class GitWorkingTree
{
    /// <summary>Finds the top-level folder of the git working tree holding <paramref name="directory"/>.</summary>
    /// <param name="directory">An absolute folder path.</param>
    /// <returns>The folder that holds <c>.git</c> (a folder, or a file for worktrees), or null outside git.</returns>
    public static string? FindTopLevel(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Reads the top-level folder and branch of the working tree holding <paramref name="directory"/> from the files
    /// in <c>.git</c> alone (no process): <c>HEAD</c> of the repository, or of the worktree a <c>.git</c> file points at
    /// (<c>gitdir: …</c>), and the repository it belongs to (<see cref="RepositoryOf"/>). The dirty state is left unknown;
    /// <c>GitProbe.Read</c> (Baton.Platform) tells it.</summary>
    /// <param name="directory">An absolute folder path.</param>
    /// <returns>The facts with <see cref="GitFacts.Dirty"/> null; the branch as <c>git status</c> tells it (a detached head
    /// as its short commit id), or null when <c>HEAD</c> cannot be read; null outside git.</returns>
    public static GitFacts? ReadHead(string directory)
    {
        if (FindTopLevel(directory) is not { } top)
        {
            return null;
        }

        string? branch;
        try
        {
            const string prefix = "ref: refs/heads/";
            var head = File.ReadAllText(Path.Combine(GitDirectoryOf(top), "HEAD")).Trim();
            branch = head.StartsWith(prefix, StringComparison.Ordinal) ? head[prefix.Length..]
                : head.Length >= 7 && head.All(char.IsAsciiHexDigit) ? head[..7]
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            branch = null;
        }

        return new GitFacts(top, branch, null, RepositoryOf(top));
    }

    /// <summary>
    /// Finds the repository a working tree belongs to, on disk (no process): for a linked worktree (its <c>.git</c> is a
    /// file <c>gitdir: …</c> whose folder has a <c>commondir</c>), the main worktree's top-level folder (or a bare
    /// repository's folder); for any other working tree (a submodule too) the working tree itself.
    /// </summary>
    /// <param name="topLevel">A working tree's top-level folder, absolute.</param>
    /// <returns>The repository's folder, absolute; <paramref name="topLevel"/> when it cannot be told.</returns>
    public static string RepositoryOf(string topLevel)
    {
        ArgumentNullException.ThrowIfNull(topLevel);
        try
        {
            var gitDir = GitDirectoryOf(topLevel);
            var commonDirFile = Path.Combine(gitDir, "commondir");
            if (!File.Exists(commonDirFile))
            {
                return topLevel;
            }

            var common = Path.TrimEndingDirectorySeparator(Path.GetFullPath(File.ReadAllText(commonDirFile).Trim(), gitDir));
            return Path.GetFileName(common) == ".git" ? Path.GetDirectoryName(common) ?? topLevel : common;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return topLevel;
        }
    }

    /// <summary>The git folder of a working tree: its <c>.git</c> folder, or the folder its <c>.git</c> file points at
    /// (<c>gitdir: …</c>, a linked worktree or a submodule).</summary>
    /// <exception cref="IOException">The <c>.git</c> file cannot be read.</exception>
    private static string GitDirectoryOf(string topLevel)
    {
        var dotGit = Path.Combine(topLevel, ".git");
        return File.Exists(dotGit) && File.ReadLines(dotGit).FirstOrDefault() is { } line && line.StartsWith("gitdir:", StringComparison.Ordinal)
            ? Path.GetFullPath(line["gitdir:".Length..].Trim(), topLevel)
            : dotGit;
    }
}
