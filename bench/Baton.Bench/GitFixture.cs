namespace Baton.Bench;

/// <summary>A small real git repository in the sandbox: a few dozen committed files on <c>main</c>, one modified and
/// one untracked file, so <c>git status</c> has work to do and reports the tree dirty.</summary>
internal static class GitFixture
{
    /// <summary>Creates the repository.</summary>
    /// <param name="sandbox">The sandbox to create it in.</param>
    /// <returns>The repository's folder.</returns>
    public static string Create(Sandbox sandbox)
    {
        var repo = Path.Combine(sandbox.Root, "src", "webshop");
        Directory.CreateDirectory(repo);
        ChildProcess.Check(sandbox, repo, "git", "-c", "init.defaultBranch=main", "init", "-q");
        for (var i = 0; i < 40; i++)
        {
            var folder = Path.Combine(repo, i % 4 == 0 ? "tests" : "src", $"module{i / 10}");
            Directory.CreateDirectory(folder);
            File.WriteAllLines(
                Path.Combine(folder, $"file{i}.py"),
                Enumerable.Range(0, 60).Select(line => $"def function_{i}_{line}(value):\n    return value * {line} + {i}"));
        }

        File.WriteAllText(Path.Combine(repo, "README.md"), "# webshop\n\nA fixture repository for the Baton bench.\n");
        ChildProcess.Check(sandbox, repo, "git", "add", "-A");
        ChildProcess.Check(sandbox, repo, "git", "-c", "user.name=Baton Bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "Initial commit");
        File.AppendAllText(Path.Combine(repo, "src", "module0", "file1.py"), "\n# edited by the agent\n");
        File.WriteAllText(Path.Combine(repo, "NOTES.md"), "untracked\n");
        return repo;
    }
}
