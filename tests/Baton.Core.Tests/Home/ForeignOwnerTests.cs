using Baton.Core.Home;
using Baton.Testing;

namespace Baton.Core.Tests.Home;

/// <summary>The owner check behind refusing a home, store or log another user owns, through its seam (the expected uid).</summary>
public sealed class ForeignOwnerTests : IDisposable
{
    private readonly TempDirectory _temp = TempDirectory.Create("baton-owner-");

    [Fact]
    public void What_this_user_creates_is_its_own_and_passes()
    {
        var file = _temp.Combine("baton.db");
        File.WriteAllText(file, "");

        ForeignOwner.OwnerOf(file).ShouldBe(ForeignOwner.CurrentUser);
        ForeignOwner.IsForeign(file).ShouldBeFalse();
        ForeignOwner.Refuse(file, "the store");
        ForeignOwner.OwnerOf(_temp.Combine("missing")).ShouldBeNull();
        ForeignOwner.IsForeign(_temp.Combine("missing")).ShouldBeFalse();
    }

    [Fact]
    public void A_path_owned_by_another_uid_is_refused_in_one_line_naming_both()
    {
        var other = ForeignOwner.CurrentUser!.Value + 4242;

        var refused = Should.Throw<UnauthorizedAccessException>(() => ForeignOwner.Refuse(_temp.Path, "Baton's home", other));

        ForeignOwner.IsForeign(_temp.Path, other).ShouldBeTrue();
        refused.Message.ShouldContain($"Baton's home {_temp.Path} is owned by uid {ForeignOwner.CurrentUser}, not by you (uid {other})");
        refused.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void The_owner_of_a_link_is_the_links_own_not_its_targets()
    {
        var link = _temp.Combine("link");
        File.CreateSymbolicLink(link, "/");

        ForeignOwner.OwnerOf(link).ShouldBe(ForeignOwner.CurrentUser);
    }

    public void Dispose() => _temp.Dispose();
}
