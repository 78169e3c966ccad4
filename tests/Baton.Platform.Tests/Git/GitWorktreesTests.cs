using System.Diagnostics;
using Baton.Core;
using Baton.Core.Repositories;
using Baton.Platform.Git;

namespace Baton.Platform.Tests.Git;

public sealed class GitWorktreesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("baton-worktrees-");

    public GitWorktreesTests()
    {
        Repository = Path.Combine(_root.FullName, "repo");
        Directory.CreateDirectory(Repository);
        Git(Repository, "init", "--quiet", "--initial-branch", "main");
        File.WriteAllText(Path.Combine(Repository, "README.md"), "# repo\n");
        Git(Repository, "add", "README.md");
        Git(Repository, "commit", "--quiet", "-m", "Initial commit");
    }

    private string Repository { get; }

    [Fact]
    public void A_new_branch_gets_a_worktree_beside_the_repository_made_from_HEAD()
    {
        var path = GitWorktrees.Ensure(Repository, "feature/login");

        path.ShouldBe(Path.Combine(_root.FullName, "repo.worktrees", "feature-login"));
        Git(path, "rev-parse", "--abbrev-ref", "HEAD").ShouldBe("feature/login");
        Git(path, "rev-parse", "HEAD").ShouldBe(Git(Repository, "rev-parse", "HEAD"));
        File.Exists(Path.Combine(path, "README.md")).ShouldBeTrue();
    }

    [Fact]
    public void A_worktree_belongs_to_its_repository_and_a_plain_working_tree_to_itself()
    {
        var worktree = GitWorktrees.Ensure(Repository, "feature/login");

        GitWorkingTree.RepositoryOf(worktree).ShouldBe(Repository);
        GitWorkingTree.RepositoryOf(Repository).ShouldBe(Repository);
        GitWorkingTree.RepositoryOf(_root.FullName).ShouldBe(_root.FullName, "a folder outside git is its own project");
        var facts = GitProbe.Read(Path.Combine(worktree), TimeSpan.FromSeconds(10)).ShouldNotBeNull();
        facts.TopLevel.ShouldBe(worktree);
        facts.Branch.ShouldBe("feature/login");
        facts.Project.ShouldBe("repo");
    }

    [Fact]
    public void An_existing_worktree_of_the_branch_is_reused_even_when_asked_from_inside_it()
    {
        var first = GitWorktrees.Ensure(Repository, "feature/login");
        var inside = Directory.CreateDirectory(Path.Combine(first, "src")).FullName;

        GitWorktrees.Ensure(Repository, "feature/login").ShouldBe(first);
        GitWorktrees.Ensure(inside, "feature/login").ShouldBe(first);
        Git(Repository, "worktree", "list", "--porcelain").Split('\n').Count(l => l.StartsWith("worktree ", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void An_existing_branch_is_checked_out_without_moving_it()
    {
        Git(Repository, "branch", "existing");
        File.WriteAllText(Path.Combine(Repository, "later.txt"), "after the branch\n");
        Git(Repository, "add", "later.txt");
        Git(Repository, "commit", "--quiet", "-m", "Later commit");

        var path = GitWorktrees.Ensure(Repository, "existing");

        path.ShouldBe(Path.Combine(_root.FullName, "repo.worktrees", "existing"));
        Git(path, "rev-parse", "--abbrev-ref", "HEAD").ShouldBe("existing");
        File.Exists(Path.Combine(path, "later.txt")).ShouldBeFalse();
    }

    [Fact]
    public void The_branch_checked_out_in_the_repository_itself_gives_the_repository()
    {
        GitWorktrees.Ensure(Repository, "main").ShouldBe(Repository);
    }

    [Fact]
    public void A_worktree_whose_folder_was_deleted_is_made_again()
    {
        var path = GitWorktrees.Ensure(Repository, "scratch");
        Directory.Delete(path, recursive: true);

        GitWorktrees.Ensure(Repository, "scratch").ShouldBe(path);
        Git(path, "rev-parse", "--abbrev-ref", "HEAD").ShouldBe("scratch");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("double..dot")]
    [InlineData("-leading-dash")]
    [InlineData("ends.lock")]
    public void An_invalid_branch_name_is_a_user_error(string branch)
    {
        var error = Should.Throw<UserErrorException>(() => GitWorktrees.Ensure(Repository, branch));

        error.Message.ShouldBe($"'{branch}' is not a valid git branch name.");
        Directory.Exists(Path.Combine(_root.FullName, "repo.worktrees")).ShouldBeFalse();
    }

    [Fact]
    public void A_folder_outside_git_is_a_user_error()
    {
        var plain = Directory.CreateDirectory(Path.Combine(_root.FullName, "plain")).FullName;

        var error = Should.Throw<UserErrorException>(() => GitWorktrees.Ensure(plain, "feature"));

        error.Message.ShouldBe($"{plain} is not inside a git repository.");
    }

    [Fact]
    public void A_git_failure_is_a_one_line_user_error()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "repo.worktrees", "taken"));
        File.WriteAllText(Path.Combine(_root.FullName, "repo.worktrees", "taken", "keep.txt"), "in the way\n");

        var error = Should.Throw<UserErrorException>(() => GitWorktrees.Ensure(Repository, "taken"));

        error.Message.ShouldStartWith("git could not create a worktree for branch 'taken'");
        error.Message.ShouldContain("already exists");
        error.Message.ShouldNotContain('\n');
    }

    [Fact]
    public void The_worktree_path_replaces_slashes_in_the_branch()
    {
        GitWorktrees.PathFor("/src/app", "team/alice/fix").ShouldBe("/src/app.worktrees/team-alice-fix");
        GitWorktrees.PathFor("/src/app/", "x").ShouldBe("/src/app.worktrees/x");
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Baton Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "baton-test@example.invalid";
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        var stderr = git.StandardError.ReadToEndAsync();
        var stdout = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return git.ExitCode == 0 ? stdout.Trim() : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr.Result}");
    }
}
