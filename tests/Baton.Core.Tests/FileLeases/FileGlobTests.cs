using Baton.Core.Coordination.FileLeases;

namespace Baton.Core.Tests.FileLeases;

public sealed class FileGlobTests
{
    [Theory]
    [InlineData("src/app.cs", "src/app.cs", true)]
    [InlineData("src/app.cs", "src/app.csx", false)]
    [InlineData("src/app.cs", "app.cs", false)]
    [InlineData("src/*.cs", "src/app.cs", true)]
    [InlineData("src/*.cs", "src/.hidden.cs", true)]
    [InlineData("src/*.cs", "src/a/app.cs", false)]
    [InlineData("src/*", "src", false)]
    [InlineData("*.cs", "app.cs", true)]
    [InlineData("src/a?p.cs", "src/app.cs", true)]
    [InlineData("src/a?p.cs", "src/ap.cs", false)]
    [InlineData("src/**", "src", true)]
    [InlineData("src/**", "src/a/b/c.cs", true)]
    [InlineData("src/**/*.cs", "src/app.cs", true)]
    [InlineData("src/**/*.cs", "src/a/b/app.cs", true)]
    [InlineData("src/**/*.cs", "src/a/b/app.txt", false)]
    [InlineData("**/app.cs", "app.cs", true)]
    [InlineData("**/app.cs", "x/y/app.cs", true)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("src/**.cs", "src/app.cs", true)]
    [InlineData("src/**.cs", "src/a/app.cs", false)]
    [InlineData("*a*b*", "xaybz", true)]
    [InlineData("*a*b*", "xbya", false)]
    public void Matches_a_path_with_star_globstar_and_question_mark(string pattern, string path, bool expected) =>
        FileGlob.Parse(pattern).Matches(path).ShouldBe(expected, $"{pattern} vs {path}");

    [Theory]
    [InlineData("src", "src/app.cs", true)]
    [InlineData("src", "src/a/b/app.cs", true)]
    [InlineData("src", "srcs/app.cs", false)]
    [InlineData("src/*", "src/a/b.cs", true)]
    [InlineData("", "any/path.cs", true)]
    [InlineData("src/app.cs", "src", false)]
    public void A_lease_on_a_folder_covers_what_it_holds(string pattern, string path, bool expected) =>
        FileGlob.Parse(pattern).Covers(path).ShouldBe(expected, $"{pattern} covers {path}");

    [Theory]
    [InlineData("src/app.cs", "src", true)]
    [InlineData("src/app.cs", "", true)]
    [InlineData("src/app.cs", "lib", false)]
    [InlineData("src/app.cs", "src/app.cs", true)]
    [InlineData("src/*.cs", "src", true)]
    public void A_tree_write_touches_the_leases_under_it(string pattern, string path, bool expected) =>
        FileGlob.Parse(pattern).CoversAnyUnder(path).ShouldBe(expected, $"{pattern} under {path}");

    [Theory]
    [InlineData("src/app.cs", "src/app.cs", true)]
    [InlineData("src/app.cs", "src/*.cs", true)]
    [InlineData("src/app.cs", "src/**", true)]
    [InlineData("src/app.cs", "src", true)]
    [InlineData("src/app.cs", "**/*.cs", true)]
    [InlineData("src/app.cs", "src/*.txt", false)]
    [InlineData("src/app.cs", "lib/app.cs", false)]
    [InlineData("src/*.cs", "src/a*", true)]
    [InlineData("src/*.cs", "src/*.txt", false)]
    [InlineData("src/a*.cs", "src/*b.cs", true)]
    [InlineData("src/a?.cs", "src/?b.cs", true)]
    [InlineData("src/a?.cs", "src/??b.cs", false)]
    [InlineData("src/*/x.cs", "src/a/*", true)]
    [InlineData("src/*/x.cs", "lib/**", false)]
    [InlineData("**/test/*.cs", "src/**/*.cs", true)]
    [InlineData("*.md", "src/*.cs", false)]
    [InlineData("**/*.md", "src/**/*.cs", true)] // src/a.md/b.cs: a folder named a.md is covered by both
    [InlineData("docs/**", "src/**", false)]
    [InlineData("a*", "b*", false)]
    [InlineData("*a", "*b", false)]
    [InlineData("*a*", "*b*", true)]
    [InlineData("", "anything", true)]
    public void Two_leases_overlap_when_some_path_is_covered_by_both(string a, string b, bool expected)
    {
        FileGlob.Parse(a).Overlaps(FileGlob.Parse(b)).ShouldBe(expected, $"{a} and {b}");
        FileGlob.Parse(b).Overlaps(FileGlob.Parse(a)).ShouldBe(expected, $"{b} and {a} (symmetric)");
    }

    [Fact]
    public void Overlap_agrees_with_matching_on_every_path_of_a_small_tree()
    {
        string[] patterns = ["src/app.cs", "src/*.cs", "src/**", "src/*/x.cs", "**/x.cs", "*.md", "src/a?.cs", "src/**/b*", "lib", "", "*/*"];
        var paths = Tree().ToList();
        foreach (var a in patterns)
        {
            foreach (var b in patterns)
            {
                var (ga, gb) = (FileGlob.Parse(a), FileGlob.Parse(b));
                var shared = paths.Any(p => ga.Covers(p) && gb.Covers(p));
                if (shared)
                {
                    ga.Overlaps(gb).ShouldBeTrue($"'{a}' and '{b}' share a path of the tree");
                }
            }
        }

        static IEnumerable<string> Tree()
        {
            string[] names = ["src", "lib", "x.cs", "ab.cs", "app.cs", "b1", "README.md"];
            foreach (var n1 in names)
            {
                yield return n1;
                foreach (var n2 in names)
                {
                    yield return n1 + "/" + n2;
                    foreach (var n3 in names)
                    {
                        yield return n1 + "/" + n2 + "/" + n3;
                    }
                }
            }
        }
    }

    [Fact]
    public void A_literal_glob_takes_wildcard_characters_as_themselves()
    {
        FileGlob.Literal("src/*.cs").Matches("src/*.cs").ShouldBeTrue();
        FileGlob.Literal("src/*.cs").Matches("src/app.cs").ShouldBeFalse();
        FileGlob.Parse("src/*.cs").IsLiteral.ShouldBeFalse();
        FileGlob.Parse("src/app.cs").IsLiteral.ShouldBeTrue();
    }

    [Fact]
    public void Case_is_compared_as_the_platform_file_system_does()
    {
        FileGlob.Parse("src/App.cs").Matches("src/app.cs").ShouldBe(FileGlob.IgnoresCase);
    }
}
