namespace Baton.Cli.Tests.Coordination;

/// <summary><c>baton lock acquire file:…</c>: a lease outside the project is refused, a whole-project lease needs --force
/// and a short TTL.</summary>
public sealed class FileLeaseAcquireTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";

    private readonly CoordinationCliHarness _cli = new() { CurrentSessionId = Alice };

    [Theory]
    [InlineData("file:/")]
    [InlineData("file:../../etc/*")]
    [InlineData("file:/etc/passwd")]
    public void A_lease_outside_the_project_is_refused_with_exit_2_and_nothing_is_held(string resource)
    {
        var refused = _cli.Run("lock", "acquire", resource);

        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldContain("is outside the project");
        refused.Error.Trim().Split('\n').Length.ShouldBe(1);
        _cli.Run("lock", "ls").Output.ShouldContain("No live locks.");
    }

    [Theory]
    [InlineData("file:**")]
    [InlineData("file:.")]
    [InlineData("file:")]
    public void A_whole_project_lease_needs_force_and_a_short_ttl(string resource)
    {
        var unforced = _cli.Run("lock", "acquire", resource, "--ttl", "60");
        var tooLong = _cli.Run("lock", "acquire", resource, "--force", "--ttl", "900");
        var granted = _cli.Run("lock", "acquire", resource, "--force", "--ttl", "600");
        var renewedTooLong = _cli.Run("lock", "renew", resource, "1", "--ttl", "3600");

        unforced.ExitCode.ShouldBe(2);
        unforced.Error.ShouldContain("leases the whole project");
        unforced.Error.TrimEnd().ShouldEndWith("Add --force to do it anyway.");
        tooLong.ExitCode.ShouldBe(2);
        tooLong.Error.ShouldContain("at most 600 seconds, not 900");
        granted.ExitCode.ShouldBe(0, granted.Error);
        renewedTooLong.ExitCode.ShouldBe(2);
        renewedTooLong.Error.ShouldContain("at most 600 seconds");
    }

    [Fact]
    public void A_lease_inside_the_project_is_granted_as_before()
    {
        var granted = _cli.Run("lock", "acquire", "file:src/**/*.cs", "--ttl", "3600");

        granted.ExitCode.ShouldBe(0, granted.Error);
    }

    public void Dispose() => _cli.Dispose();
}
