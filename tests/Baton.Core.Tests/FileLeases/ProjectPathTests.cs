using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;

namespace Baton.Core.Tests.FileLeases;

public sealed class ProjectPathTests
{
    [Theory]
    [InlineData("src/app.cs", "src/app.cs")]
    [InlineData("./src/./app.cs", "src/app.cs")]
    [InlineData("src//app.cs", "src/app.cs")]
    [InlineData("src/lib/../app.cs", "src/app.cs")]
    [InlineData("src/", "src")]
    [InlineData(".", "")]
    [InlineData("", "")]
    [InlineData("/src/app.cs", "src/app.cs")]
    [InlineData("src/*/../*.cs", "src/*.cs")]
    [InlineData("..", null)]
    [InlineData("src/../../etc/passwd", null)]
    public void Normalize_drops_dots_and_duplicate_slashes_and_refuses_to_climb_out(string path, string? expected) =>
        ProjectPath.Normalize(path).ShouldBe(expected);

    [Theory]
    [InlineData("/repo/src/app.cs", "/repo", null, "src/app.cs")]
    [InlineData("/repo//src/./app.cs", "/repo/", null, "src/app.cs")]
    [InlineData("app.cs", "/repo", "/repo/src", "src/app.cs")]
    [InlineData("../README.md", "/repo", "/repo/src", "README.md")]
    [InlineData("src/app.cs", "/repo", null, "src/app.cs")]
    [InlineData("/repo", "/repo", null, "")]
    [InlineData("/repository/app.cs", "/repo", null, null)]
    [InlineData("/etc/passwd", "/repo", null, null)]
    [InlineData("../../etc/passwd", "/repo", "/repo/src", null)]
    [InlineData("../other/app.cs", "/repo", "/repo", null)]
    [InlineData("", "/repo", "/repo", null)]
    public void Relative_takes_a_tool_path_to_the_project_root(string path, string root, string? cwd, string? expected) =>
        ProjectPath.Relative(path, root, cwd).ShouldBe(expected);

    [Fact]
    public void The_root_of_a_session_never_asked_about_git_is_found_on_disk()
    {
        var root = Directory.CreateTempSubdirectory("baton-root-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            var sub = Directory.CreateDirectory(Path.Combine(root, "src", "deep")).FullName;
            var firstSeenInSub = new Session { SessionId = "s", Cwd = sub, ProjectRoot = sub };
            ProjectPath.RootOf(firstSeenInSub).ShouldBe(root);
            var probed = firstSeenInSub with { ProjectRoot = "/recorded/root", Branch = "main" };
            ProjectPath.RootOf(probed).ShouldBe("/recorded/root");
            ProjectPath.RootOf(new Session { SessionId = "s" }).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Roots_compare_without_a_trailing_slash()
    {
        ProjectPath.SameRoot("/repo/", "/repo").ShouldBeTrue();
        ProjectPath.SameRoot("/repo", "/repo2").ShouldBeFalse();
        ProjectPath.SameRoot(null, "/repo").ShouldBeFalse();
    }

    [Fact]
    public void Physical_resolves_links_on_the_way_and_keeps_a_part_that_does_not_exist()
    {
        using var temp = Baton.Testing.TempDirectory.Create("baton-physical-");
        var real = temp.CreateSubdirectory("a", "b");
        File.CreateSymbolicLink(temp.Combine("to-b"), real);
        File.CreateSymbolicLink(temp.Combine("relative"), "a/b");
        File.CreateSymbolicLink(temp.Combine("loop"), temp.Combine("loop"));

        ProjectPath.Physical(temp.Combine("to-b", "new.txt")).ShouldBe(Path.Combine(real, "new.txt"));
        ProjectPath.Physical(temp.Combine("relative", "..", "x")).ShouldBe(temp.Combine("a", "x"));
        ProjectPath.Physical(temp.Combine("to-b") + "/./c/../d/").ShouldBe(Path.Combine(real, "d"));
        ProjectPath.Physical("/").ShouldBe("/");
        ProjectPath.Physical(temp.Combine("loop", "x")).ShouldEndWith("/loop/x");
        Should.Throw<ArgumentException>(() => ProjectPath.Physical("relative/path"));
    }
}
