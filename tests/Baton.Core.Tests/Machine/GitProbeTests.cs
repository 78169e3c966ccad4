using Baton.Core.Machine;

namespace Baton.Core.Tests.Machine;

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

            GitProbe.FindTopLevel(sub.FullName).ShouldBe(Path.Combine(root.FullName, "repo"));
            GitProbe.FindTopLevel(root.FullName).ShouldBeNull();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
