namespace Baton.Testing;

/// <summary>A real git repository in a temp folder, with one commit on a chosen branch.</summary>
public sealed class GitRepository
{
    private static readonly Dictionary<string, string?> IsolatedGit = new(StringComparer.Ordinal)
    {
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private GitRepository(string path, string branch)
    {
        Path = path;
        Branch = branch;
    }

    /// <summary>Absolute path of the working tree.</summary>
    public string Path { get; }

    /// <summary>The branch the first commit was made on.</summary>
    public string Branch { get; }

    /// <summary>Creates <paramref name="parentDir"/>/<paramref name="name"/> with a README committed on <paramref name="branch"/>.</summary>
    public static GitRepository Create(string parentDir, string name, string branch = "main")
    {
        ArgumentException.ThrowIfNullOrEmpty(parentDir);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(branch);

        var path = Directory.CreateDirectory(System.IO.Path.Combine(parentDir, name)).FullName;
        var repository = new GitRepository(path, branch);
        repository.Git("init", "--quiet", "--initial-branch", branch);
        repository.Git("config", "user.name", "Baton Test");
        repository.Git("config", "user.email", "baton-test@example.invalid");
        repository.Git("config", "commit.gpgsign", "false");
        File.WriteAllText(System.IO.Path.Combine(path, "README.md"), $"# {name}\n");
        repository.Git("add", "README.md");
        repository.Git("commit", "--quiet", "-m", "Initial commit");
        return repository;
    }

    /// <summary>Leaves uncommitted changes: modifies the README and adds an untracked file.</summary>
    public void MakeDirty()
    {
        File.AppendAllText(System.IO.Path.Combine(Path, "README.md"), "A local change.\n");
        File.WriteAllText(System.IO.Path.Combine(Path, "untracked.txt"), "Not committed.\n");
    }

    /// <summary>Runs git in this repository (isolated from the user's git configuration) and returns its trimmed stdout.</summary>
    public string Git(params string[] args) =>
        ProcessRunner.Run("git", args, new ProcessRunOptions { WorkingDirectory = Path, Environment = new Dictionary<string, string?>(IsolatedGit) })
            .EnsureSuccess($"git {string.Join(' ', args)}")
            .StdOut.Trim();
}
