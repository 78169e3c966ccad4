using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Config;

public sealed class ConfigRootsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Roots_are_added_relative_to_the_working_folder_listed_as_json_and_removed()
    {
        var src = Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "src")).FullName;

        var added = _cli.Run("config", "roots", "add", "src");
        var listed = _cli.Run("config", "roots", "ls", "--json");
        var removed = _cli.Run("config", "roots", "remove", src);
        var again = _cli.Run("config", "roots", "remove", src);

        added.ExitCode.ShouldBe(0, added.Error);
        added.Output.ShouldContain($"Repository root {src} added");
        JsonNode.Parse(listed.Output)!["roots"]!.AsArray().Select(r => (string?)r).ShouldBe([src]);
        removed.ExitCode.ShouldBe(0, removed.Error);
        _cli.Run("config", "roots", "ls").Output.ShouldContain("No repository roots");
        again.ExitCode.ShouldBe(2);
        again.Error.TrimEnd().ShouldNotContain("\n");
    }

    [Fact]
    public void New_with_a_name_held_by_two_repositories_is_refused_listing_them_and_an_unknown_name_says_where_it_looked()
    {
        var first = Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_cli.WorkingDirectory, "second")).FullName;
        GitRepository.Create(first, "api");
        GitRepository.Create(second, "api");
        _cli.Run("config", "roots", "add", first).ExitCode.ShouldBe(0);
        _cli.Run("config", "roots", "add", second).ExitCode.ShouldBe(0);

        var ambiguous = _cli.Run("new", "api", "--detach");
        var unknown = _cli.Run("new", "nowhere", "--detach");

        ambiguous.ExitCode.ShouldBe(2);
        ambiguous.Error.TrimEnd().ShouldNotContain("\n");
        ambiguous.Error.ShouldContain(Path.Combine(first, "api"));
        ambiguous.Error.ShouldContain(Path.Combine(second, "api"));
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("nor a repository of that name under the repository roots");
    }
}
