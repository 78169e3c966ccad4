using Baton.Core.Home;
using Baton.Core.Repositories;
using Baton.Testing;

namespace Baton.Core.Tests.Repositories;

public sealed class RepositoryRootsTests : IDisposable
{
    private readonly TempDirectory _temp = TempDirectory.Create("baton-roots-");
    private readonly RepositoryRoots _roots;

    public RepositoryRootsTests() => _roots = new RepositoryRoots(new BatonHome(_temp.Combine("home")));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Roots_are_kept_once_each_in_the_order_added_in_the_private_config_file_and_removed_by_any_path_to_them()
    {
        var src = Folder("src");
        var work = Folder("work");

        _roots.Add(src + "/").ShouldBe(src);
        _roots.Add(work);
        _roots.Add(src);

        _roots.List().ShouldBe([src, work]);
        File.GetUnixFileMode(_temp.Combine("home", BatonSettings.FileName)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _roots.Remove(Path.Combine(work, "..", "src")).ShouldBe(src);
        _roots.List().ShouldBe([work]);
        Should.Throw<UserErrorException>(() => _roots.Remove(src)).Message.ShouldContain(work);
        Should.Throw<UserErrorException>(() => _roots.Add(_temp.Combine("missing"))).Message.ShouldContain("No folder");
    }

    [Fact]
    public void A_name_finds_the_one_git_repository_so_named_under_a_root_or_one_level_down()
    {
        var src = Folder("src");
        GitRepository.Create(src, "shop");
        GitRepository.Create(Folder("src", "github"), "ledger");
        Folder("src", "notes");
        _roots.Add(src);

        _roots.Find("shop").ShouldBe(Path.Combine(src, "shop"));
        _roots.Find("ledger").ShouldBe(Path.Combine(src, "github", "ledger"));
        _roots.Find("notes").ShouldBeNull("a folder without git is not a repository");
        _roots.Find("absent").ShouldBeNull();
        _roots.Find("github/ledger").ShouldBeNull("a path is not a name");
    }

    [Fact]
    public void A_name_held_by_repositories_under_two_roots_is_refused_naming_both()
    {
        GitRepository.Create(Folder("a"), "api");
        GitRepository.Create(Folder("b", "team"), "api");
        _roots.Add(_temp.Combine("a"));
        _roots.Add(_temp.Combine("b"));

        var refused = Should.Throw<UserErrorException>(() => _roots.Find("api"));

        refused.Message.ShouldContain(_temp.Combine("a", "api"));
        refused.Message.ShouldContain(_temp.Combine("b", "team", "api"));
    }

    private string Folder(params string[] parts) => Directory.CreateDirectory(_temp.Combine(parts)).FullName;
}
