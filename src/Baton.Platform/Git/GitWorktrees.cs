using Baton.Core;
using Baton.Platform.Programs;


namespace Baton.Platform.Git;

/// <summary>
/// Gives each branch a git worktree in a predictable place beside the repository:
/// <c>PARENT/REPO.worktrees/BRANCH</c>, with '/' in the branch name replaced by '-', where REPO is the main worktree.
/// </summary>
public static class GitWorktrees
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Returns a worktree with <paramref name="branch"/> checked out, creating it when needed: an existing worktree of
    /// that branch (wherever it is, the main one included) is reused; an existing branch is checked out at
    /// <see cref="PathFor"/>; a new branch is created there from HEAD of <paramref name="repositoryDirectory"/>.
    /// </summary>
    /// <param name="repositoryDirectory">Any folder inside the repository or one of its worktrees.</param>
    /// <param name="branch">The branch's short name, such as <c>feature/login</c>.</param>
    /// <returns>The absolute path of the worktree.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    /// <exception cref="UserErrorException">
    /// The folder is missing or not in a git repository, the branch name is not valid, git is not installed, or git
    /// failed (for example because the target folder already exists); the message is one line naming the problem.
    /// </exception>
    public static string Ensure(string repositoryDirectory, string branch)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var directory = Path.GetFullPath(repositoryDirectory);
        if (!Directory.Exists(directory))
        {
            throw new UserErrorException($"The folder {directory} does not exist.");
        }

        var worktrees = List(directory);
        var check = Git(directory, "check-ref-format", "--branch", branch);
        if (check.ExitCode != 0)
        {
            throw new UserErrorException($"'{branch}' is not a valid git branch name.");
        }

        var name = check.StdOut.Trim();
        var branchRef = "refs/heads/" + name;
        var existing = worktrees.FirstOrDefault(w => w.Branch == branchRef);
        if (existing is not null && Directory.Exists(existing.Path))
        {
            return existing.Path;
        }

        if (existing is not null)
        {
            // Its folder was deleted without `git worktree remove`; forget it so the branch can be checked out again.
            Git(directory, "worktree", "prune");
        }

        var path = PathFor(worktrees[0].Path, name);
        var branchExists = Git(directory, "show-ref", "--verify", "--quiet", branchRef).ExitCode == 0;
        var add = branchExists
            ? Git(directory, "worktree", "add", "--quiet", "--", path, name)
            : Git(directory, "worktree", "add", "--quiet", "-b", name, "--", path, "HEAD");
        if (add.ExitCode != 0)
        {
            throw new UserErrorException($"git could not create a worktree for branch '{branch}' at {path}: {Reason(add)}");
        }

        return path;
    }

    /// <summary>Where <see cref="Ensure"/> puts a new worktree for <paramref name="branch"/>.</summary>
    /// <param name="mainWorktree">The main worktree's top-level folder (or a bare repository's folder).</param>
    /// <param name="branch">The branch's short name.</param>
    /// <returns><c>PARENT/REPO.worktrees/BRANCH</c> with '/' in the branch replaced by '-'.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or the folder has no parent.</exception>
    public static string PathFor(string mainWorktree, string branch)
    {
        ArgumentException.ThrowIfNullOrEmpty(mainWorktree);
        ArgumentException.ThrowIfNullOrEmpty(branch);
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mainWorktree));
        var parent = Path.GetDirectoryName(top) ?? throw new ArgumentException($"{top} has no parent folder.", nameof(mainWorktree));
        return Path.Combine(parent, Path.GetFileName(top) + ".worktrees", branch.Replace('/', '-'));
    }

    private static List<Worktree> List(string directory)
    {
        var list = Git(directory, "worktree", "list", "--porcelain", "-z");
        if (list.ExitCode != 0)
        {
            throw new UserErrorException(list.StdErr.Contains("not a git repository", StringComparison.OrdinalIgnoreCase)
                ? $"{directory} is not inside a git repository."
                : $"git worktree list failed in {directory}: {Reason(list)}");
        }

        // -z: each attribute ends with NUL and an empty attribute ends a worktree; the main worktree comes first.
        var worktrees = new List<Worktree>();
        string? path = null;
        string? branch = null;
        foreach (var line in list.StdOut.Split('\0'))
        {
            if (line.StartsWith("worktree ", StringComparison.Ordinal))
            {
                path = line["worktree ".Length..];
            }
            else if (line.StartsWith("branch ", StringComparison.Ordinal))
            {
                branch = line["branch ".Length..];
            }
            else if (line.Length == 0 && path is not null)
            {
                worktrees.Add(new Worktree(path, branch));
                (path, branch) = (null, null);
            }
        }

        return worktrees.Count > 0 ? worktrees : throw new UserErrorException($"git listed no worktree for {directory}.");
    }

    private static string Reason(GitResult result) =>
        result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.StartsWith("fatal: ", StringComparison.Ordinal) ? l["fatal: ".Length..] : l.StartsWith("error: ", StringComparison.Ordinal) ? l["error: ".Length..] : l)
            .FirstOrDefault(l => l.Length > 0)
        ?? $"exit code {result.ExitCode}";

    private static GitResult Git(string directory, params string[] args)
    {
        var run = ProgramRun.Run("git", args, Timeout, directory, new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" });
        if (run.NotStarted)
        {
            throw new UserErrorException("git is not installed or not on PATH.");
        }

        if (run.TimedOut)
        {
            throw new UserErrorException($"git {string.Join(' ', args.Take(2))} did not finish within {Timeout.TotalMinutes:0} minutes.");
        }

        return new GitResult(run.ExitCode ?? -1, run.StandardOutput, run.StandardError);
    }

    private sealed record Worktree(string Path, string? Branch);

    private sealed record GitResult(int ExitCode, string StdOut, string StdErr);
}
