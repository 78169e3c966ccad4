using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.FileLeases;

public sealed class FileLeaseGuardTests
{
    private const string Root = "/work/shop";
    private static readonly DateTimeOffset Now = new(2026, 5, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal)
    {
        ["alice-0001-aaaa"] = new Session { SessionId = "alice-0001-aaaa", Name = "alice", Cwd = Root, ProjectRoot = Root, Branch = "main" },
        ["bob-0002-bbbbbb"] = new Session { SessionId = "bob-0002-bbbbbb", Cwd = Root, ProjectRoot = Root, Branch = "main" },
        ["other-0003-cccc"] = new Session { SessionId = "other-0003-cccc", Cwd = "/work/other", ProjectRoot = "/work/other", Branch = "main" },
    };

    [Fact]
    public void An_edit_of_a_file_another_session_of_the_project_leases_conflicts()
    {
        var conflicts = Conflicts("bob-0002-bbbbbb", [Lease("file:src/app.cs", "alice-0001-aaaa", "refactoring the cart")], "/work/shop/src/app.cs");

        var conflict = conflicts.ShouldHaveSingleItem();
        conflict.Path.ShouldBe("src/app.cs");
        conflict.Holder.Name.ShouldBe("alice");
        FileLeaseGuard.Describe(conflicts, Now).ShouldBe(
            "alice (alice-00) holds a lease on src/app.cs (refactoring the cart; until 12:30:00 UTC); ask them, or wait.");
        FileLeaseGuard.DescribeWarning(conflicts, Now).ShouldBe(
            "Warning from Baton: alice (alice-00) holds a lease on src/app.cs (refactoring the cart; until 12:30:00 UTC). " +
            "File leases are not enforced in this project, so the tool call went ahead; check with the holder before changing these files further.");
    }

    [Fact]
    public void A_glob_lease_names_the_file_it_covers_and_an_unnamed_holder_by_short_id()
    {
        var conflicts = Conflicts("alice-0001-aaaa", [Lease("file:src/**/*.cs", "bob-0002-bbbbbb", null, Now.AddDays(1))], "src/deep/app.cs", cwd: Root);

        FileLeaseGuard.Describe(conflicts, Now).ShouldBe(
            "session bob-0002 holds a lease on src/**/*.cs, which covers src/deep/app.cs (until 2026-05-04 12:00:00 UTC); ask them, or wait.");
    }

    [Fact]
    public void The_holders_own_edits_pass_even_where_the_lease_of_another_overlaps()
    {
        LockInfo[] leases = [Lease("file:src/**", "alice-0001-aaaa"), Lease("file:src/app.cs", "bob-0002-bbbbbb")];

        Conflicts("alice-0001-aaaa", leases, "src/app.cs").ShouldBeEmpty();
        Conflicts("bob-0002-bbbbbb", leases, "src/app.cs").ShouldBeEmpty();
        Conflicts("alice-0001-aaaa", leases, "src/other.cs").ShouldBeEmpty();
        Conflicts("bob-0002-bbbbbb", leases, "src/other.cs").ShouldHaveSingleItem().Holder.SessionId.ShouldBe("alice-0001-aaaa");
    }

    [Fact]
    public void Leases_of_other_projects_humans_unknown_holders_and_other_files_do_not_count()
    {
        LockInfo[] leases =
        [
            Lease("file:src/app.cs", "other-0003-cccc"),
            Lease("file:src/app.cs", "human"),
            Lease("file:src/app.cs", "gone-0004-dddd"),
            Lease("file:src/other.cs", "alice-0001-aaaa"),
            Lease("deploy", "alice-0001-aaaa"),
            Lease("file:../outside.cs", "alice-0001-aaaa"),
        ];

        Conflicts("bob-0002-bbbbbb", leases, "src/app.cs").ShouldBeEmpty();
        Conflicts("bob-0002-bbbbbb", [Lease("file:src/app.cs", "alice-0001-aaaa")], "/work/other/src/app.cs").ShouldBeEmpty("outside the project");
    }

    [Fact]
    public void A_tree_write_conflicts_with_a_lease_under_it_and_an_absolute_lease_path_counts()
    {
        Conflicts("bob-0002-bbbbbb", [Lease("file:src/app.cs", "alice-0001-aaaa")], "src", subtree: true).ShouldHaveSingleItem();
        Conflicts("bob-0002-bbbbbb", [Lease("file:src/app.cs", "alice-0001-aaaa")], "src", subtree: false).ShouldBeEmpty();
        Conflicts("bob-0002-bbbbbb", [Lease("file:/work/shop/src/app.cs", "alice-0001-aaaa")], "src/app.cs").ShouldHaveSingleItem();
    }

    [Fact]
    public void Overlapping_asks_find_other_holders_leases_of_the_project()
    {
        LockInfo[] leases = [Lease("file:src/app.cs", "alice-0001-aaaa"), Lease("file:docs/**", "alice-0001-aaaa"), Lease("file:src/x.cs", "other-0003-cccc")];

        FileLeaseGuard.Overlapping("file:src/*.cs", "bob-0002-bbbbbb", Root, leases, id => _sessions.GetValueOrDefault(id))
            .Select(l => l.Resource).ShouldBe(["file:src/app.cs"]);
        FileLeaseGuard.Overlapping("file:src/*.cs", "alice-0001-aaaa", Root, leases, id => _sessions.GetValueOrDefault(id)).ShouldBeEmpty();
        FileLeaseGuard.Overlapping("deploy", "bob-0002-bbbbbb", Root, leases, id => _sessions.GetValueOrDefault(id)).ShouldBeEmpty();
    }

    [Fact]
    public void Modes_read_from_stored_values_and_default_to_warn()
    {
        FileLeaseSettings.ModeOf("""{"mode": "enforce"}""").ShouldBe(FileLeaseMode.Enforce);
        FileLeaseSettings.ModeOf("\"off\"").ShouldBe(FileLeaseMode.Off);
        FileLeaseSettings.ModeOf("""{"mode": "bogus"}""").ShouldBe(FileLeaseMode.Warn);
        FileLeaseSettings.ModeOf("not json").ShouldBe(FileLeaseMode.Warn);
        Should.Throw<UserErrorException>(() => FileLeaseModes.Parse("strict")).Message.ShouldContain("enforce, warn, off");
    }

    [Fact]
    public void A_project_scope_is_the_root_or_a_hash_when_the_root_is_no_valid_name()
    {
        FileLeaseSettings.ScopeOf("/work/shop/").ShouldBe("project:/work/shop");
        var odd = FileLeaseSettings.ScopeOf("/home/me/My Projects/shop");
        odd.ShouldStartWith("project:sha256.");
        odd.ShouldBe(FileLeaseSettings.ScopeOf("/home/me/My Projects/shop"));
        FileLeaseSettings.ScopeOf("/" + new string('a', 300)).Length.ShouldBeLessThanOrEqualTo(CoordinationLimits.MaxNameLength);
    }

    [Fact]
    public void Leases_and_written_paths_are_resolved_through_symbolic_links_before_they_are_compared()
    {
        // Given a project where 'link' points at 'src', and a real root reached through a linked folder
        using var temp = Baton.Testing.TempDirectory.Create("baton-lease-links-");
        var real = temp.CreateSubdirectory("real-project");
        Directory.CreateDirectory(Path.Combine(real, "src"));
        File.CreateSymbolicLink(Path.Combine(real, "link"), Path.Combine(real, "src"));
        var root = Path.Combine(temp.Path, "project");
        File.CreateSymbolicLink(root, real);
        var sessions = new Dictionary<string, Session>(StringComparer.Ordinal)
        {
            ["alice"] = new Session { SessionId = "alice", Cwd = root, ProjectRoot = root, Branch = "main" },
            ["bob"] = new Session { SessionId = "bob", Cwd = root, ProjectRoot = root, Branch = "main" },
        };
        IReadOnlyList<FileLeaseConflict> Write(LockInfo lease, string path) =>
            FileLeaseGuard.Conflicts([lease], id => sessions.GetValueOrDefault(id), "bob", root, root, [new WriteTarget(path, false)]);

        // Then a write through the link meets a lease on the real path, a lease through the link covers the real path,
        // and the real root's absolute path is inside the project
        Write(Lease("file:src/app.cs", "alice"), "link/app.cs").ShouldHaveSingleItem().Path.ShouldBe("src/app.cs");
        Write(Lease("file:link/*.cs", "alice"), "src/app.cs").ShouldHaveSingleItem().Glob.Pattern.ShouldBe("src/*.cs");
        Write(Lease("file:src/app.cs", "alice"), Path.Combine(real, "src", "app.cs")).ShouldHaveSingleItem();
        Write(Lease("file:src/app.cs", "alice"), "link/other.cs").ShouldBeEmpty();
    }

    private IReadOnlyList<FileLeaseConflict> Conflicts(string self, IReadOnlyList<LockInfo> leases, string path, string? cwd = null, bool subtree = false) =>
        FileLeaseGuard.Conflicts(leases, id => _sessions.GetValueOrDefault(id), self, Root, cwd, [new WriteTarget(path, subtree)]);

    private static LockInfo Lease(string resource, string holder, string? reason = null, DateTimeOffset? expires = null) =>
        new(resource, holder, 1, Now.AddMinutes(-5), expires ?? Now.AddMinutes(30), reason);
}
