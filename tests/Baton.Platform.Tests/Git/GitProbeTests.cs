using Baton.Core.Repositories;
using Baton.Platform.Git;


namespace Baton.Platform.Tests.Git;

public sealed class GitProbeTests
{
    [Fact]
    public void A_clean_branch_is_read_from_porcelain_output()
    {
        var facts = GitProbe.Parse("/r", "# branch.oid 0123456789abcdef\n# branch.head feature/x\n# branch.upstream origin/feature/x\n");

        facts.Branch.ShouldBe("feature/x");
        facts.Dirty.ShouldBe(false);
    }

    [Fact]
    public void Any_change_line_makes_the_tree_dirty()
    {
        GitProbe.Parse("/r", "# branch.head main\n? notes.txt\n").Dirty.ShouldBe(true);
        GitProbe.Parse("/r", "# branch.head main\n1 .M N... 100644 100644 100644 a b README.md\n").Dirty.ShouldBe(true);
    }

    [Fact]
    public void A_detached_head_shows_as_a_short_commit_id()
    {
        GitProbe.Parse("/r", "# branch.oid 0123456789abcdef\n# branch.head (detached)\n").Branch.ShouldBe("0123456");
    }

    [Fact]
    public void The_top_level_is_found_from_a_subfolder_and_nothing_outside_git()
    {
        var root = Directory.CreateTempSubdirectory("baton-git-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "repo", ".git"));
            var sub = Directory.CreateDirectory(Path.Combine(root.FullName, "repo", "src", "deep"));

            GitWorkingTree.FindTopLevel(sub.FullName).ShouldBe(Path.Combine(root.FullName, "repo"));
            GitWorkingTree.FindTopLevel(root.FullName).ShouldBeNull();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_branch_read_from_git_files_is_what_git_status_says_in_a_repository_a_worktree_and_on_a_detached_head()
    {
        var root = Directory.CreateTempSubdirectory("baton-git-head-");
        try
        {
            var repository = Baton.Testing.GitRepository.Create(root.FullName, "repo", branch: "feature/cart");
            var worktree = Path.Combine(root.FullName, "repo-wt");
            repository.Git("worktree", "add", "--quiet", "-b", "fix-login", worktree);
            var sub = Directory.CreateDirectory(Path.Combine(worktree, "src")).FullName;

            GitWorkingTree.ReadHead(repository.Path).ShouldBe(new(repository.Path, "feature/cart", null, repository.Path));
            GitWorkingTree.ReadHead(sub).ShouldBe(new(worktree, "fix-login", null, repository.Path));
            GitWorkingTree.ReadHead(sub)!.Branch.ShouldBe(GitProbe.Read(sub, TimeSpan.FromSeconds(10))!.Branch);
            repository.Git("checkout", "--quiet", "--detach");
            GitWorkingTree.ReadHead(repository.Path)!.Branch.ShouldBe(GitProbe.Read(repository.Path, TimeSpan.FromSeconds(10))!.Branch);
            GitWorkingTree.ReadHead(root.FullName).ShouldBeNull();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
