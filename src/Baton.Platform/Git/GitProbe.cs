using Baton.Core.Repositories;
using Baton.Core.Sessions;
using Baton.Platform.Programs;

namespace Baton.Platform.Git;

/// <summary>
/// Asks git about a working directory: branch and dirty state from one <c>git status --porcelain=v2 --branch</c>, with
/// optional locks off so the user's own git is never blocked (<see cref="Read"/>). What the files in <c>.git</c> tell
/// without a process is <see cref="GitWorkingTree"/>.
/// </summary>
public static class GitProbe
{
    /// <summary>Git never takes optional locks (the user's own git is never blocked) and never prompts.</summary>
    private static readonly Dictionary<string, string> GitEnvironment = new(StringComparer.Ordinal)
    {
        ["GIT_OPTIONAL_LOCKS"] = "0",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    /// <summary>Reads branch and dirty state of the working tree holding <paramref name="directory"/>, and the repository
    /// it belongs to (<see cref="GitWorkingTree.RepositoryOf"/>).</summary>
    /// <param name="directory">An absolute folder path.</param>
    /// <param name="timeout">How long git may take; past it git is killed and null returned.</param>
    /// <returns>The facts, or null outside git; branch and dirty state are null when git is missing, fails or is too slow.</returns>
    public static GitFacts? Read(string directory, TimeSpan timeout)
    {
        if (GitWorkingTree.FindTopLevel(directory) is not { } top)
        {
            return null;
        }

        var output = RunGit(directory, timeout, "status", "--porcelain=v2", "--branch", "--untracked-files=normal");
        return (output is null ? new GitFacts(top, null, null) : Parse(top, output)) with { Repository = GitWorkingTree.RepositoryOf(top) };
    }

    /// <summary>Reads <c>git status --porcelain=v2 --branch</c> output.</summary>
    /// <param name="topLevel">The working tree's top-level folder.</param>
    /// <param name="porcelain">The output.</param>
    /// <returns>Branch (a short commit id when detached) and whether any change is listed.</returns>
    public static GitFacts Parse(string topLevel, string porcelain)
    {
        ArgumentNullException.ThrowIfNull(porcelain);
        string? head = null;
        string? oid = null;
        var dirty = false;
        foreach (var line in porcelain.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# branch.head ", StringComparison.Ordinal))
            {
                head = line["# branch.head ".Length..];
            }
            else if (line.StartsWith("# branch.oid ", StringComparison.Ordinal))
            {
                oid = line["# branch.oid ".Length..];
            }
            else if (!line.StartsWith('#'))
            {
                dirty = true;
            }
        }

        var branch = head == "(detached)" ? (oid is { Length: >= 7 } ? oid[..7] : oid) : head;
        return new GitFacts(topLevel, branch, dirty);
    }

    private static string? RunGit(string directory, TimeSpan timeout, params string[] args)
    {
        var run = ProgramRun.Run("git", args, timeout, directory, GitEnvironment);
        return run.Succeeded ? run.StandardOutput : null;
    }
}
