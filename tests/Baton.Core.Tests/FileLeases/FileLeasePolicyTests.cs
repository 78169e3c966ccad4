using Baton.Core.Coordination.FileLeases;

namespace Baton.Core.Tests.FileLeases;

/// <summary>What a file lease may name: inside the project only, the whole project only with force and a short TTL.</summary>
public sealed class FileLeasePolicyTests
{
    private const string Root = "/work/shop";
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("file:/")]
    [InlineData("file:/*")]
    [InlineData("file:/etc/passwd")]
    [InlineData("file:../../etc/*")]
    [InlineData("file:src/../../other/x")]
    [InlineData("file:/work/shopping/x")]
    public void A_lease_outside_the_project_is_refused_naming_the_project(string resource)
    {
        var refused = Should.Throw<UserErrorException>(() => FileLeasePolicy.CheckAcquire(resource, FiveMinutes, force: true, Root));

        refused.Message.ShouldContain("is outside the project /work/shop");
    }

    [Theory]
    [InlineData("file:src/app.cs")]
    [InlineData("file:src/**/*.cs")]
    [InlineData("file:/work/shop/src/app.cs")]
    [InlineData("file:./docs/../src")]
    public void A_lease_inside_the_project_passes(string resource) =>
        FileLeasePolicy.CheckAcquire(resource, TimeSpan.FromHours(24), force: false, Root);

    [Theory]
    [InlineData("file:**")]
    [InlineData("file:.")]
    [InlineData("file:")]
    [InlineData("file:*")]
    [InlineData("file:/work/shop")]
    [InlineData("file:./**/*")]
    public void A_whole_project_lease_needs_force(string resource)
    {
        var refused = Should.Throw<UserErrorException>(() => FileLeasePolicy.CheckAcquire(resource, FiveMinutes, force: false, Root));

        refused.Message.ShouldContain("leases the whole project");
        refused.Remedy.ShouldBe(UserErrorRemedy.Force, "each adapter words how to force it: --force, or force: true");
        refused.Message.ShouldNotContain("--force", Case.Sensitive, "Core names no command-line option");
        FileLeasePolicy.CheckAcquire(resource, FiveMinutes, force: true, Root);
    }

    [Fact]
    public void A_whole_project_lease_lives_at_most_ten_minutes_renewals_included()
    {
        var acquired = Should.Throw<UserErrorException>(() => FileLeasePolicy.CheckAcquire("file:**", TimeSpan.FromSeconds(601), force: true, Root));
        var renewed = Should.Throw<UserErrorException>(() => FileLeasePolicy.CheckRenewal("file:**", TimeSpan.FromHours(1), Root));

        acquired.Message.ShouldContain("at most 600 seconds, not 601");
        renewed.Message.ShouldContain("at most 600 seconds");
        FileLeasePolicy.CheckAcquire("file:**", FileLeasePolicy.WholeProjectMaxTtl, force: true, Root);
        FileLeasePolicy.CheckRenewal("file:**", FileLeasePolicy.WholeProjectMaxTtl, Root);
        FileLeasePolicy.CheckRenewal("file:src/**", TimeSpan.FromHours(24), Root);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("db-migration")]
    public void Other_locks_are_not_file_leases_and_pass(string resource) =>
        FileLeasePolicy.CheckAcquire(resource, TimeSpan.FromHours(24), force: false, Root);

    [Fact]
    public void A_lease_through_a_symbolic_link_that_leads_out_of_the_project_is_refused()
    {
        using var temp = Baton.Testing.TempDirectory.Create("baton-lease-");
        var project = temp.CreateSubdirectory("project");
        var outside = temp.CreateSubdirectory("outside");
        File.CreateSymbolicLink(Path.Combine(project, "out"), outside);

        var refused = Should.Throw<UserErrorException>(() => FileLeasePolicy.CheckAcquire("file:out/secrets/*", FiveMinutes, force: false, project));

        refused.Message.ShouldContain("is outside the project");
    }
}
