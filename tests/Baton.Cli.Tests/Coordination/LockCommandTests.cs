using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Coordination;

public sealed class LockCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";

    private readonly CoordinationCliHarness _cli = new();

    [Fact]
    public void Acquire_prints_a_token_and_expiry_and_a_second_holder_is_refused_with_exit_1_naming_the_holder()
    {
        _cli.CurrentSessionId = Alice;
        var granted = JsonNode.Parse(_cli.Run("lock", "acquire", "deploy", "--ttl", "60", "--reason", "releasing 1.2", "--json").Output)!;
        _cli.CurrentSessionId = Bob;

        var refused = _cli.Run("lock", "acquire", "deploy");
        var refusedJson = _cli.Run("lock", "acquire", "deploy", "--json");

        granted.AsObject().Select(p => p.Key).ShouldBe(["outcome", "granted", "lock", "previous"]);
        granted["outcome"]!.GetValue<string>().ShouldBe("acquired");
        granted["lock"]!.AsObject().Select(p => p.Key).ShouldBe(["resource", "holder", "token", "acquired_at", "expires_at", "reason"]);
        granted["lock"]!["token"]!.GetValue<long>().ShouldBe(1);
        refused.ExitCode.ShouldBe(1);
        refused.Error.TrimEnd().ShouldNotContain("\n");
        refused.Error.ShouldContain($"held by {Alice} since ");
        refused.Error.ShouldContain(" until ");
        refused.Error.ShouldContain("releasing 1.2");
        refusedJson.ExitCode.ShouldBe(1);
        var answer = JsonNode.Parse(refusedJson.Output)!;
        answer["outcome"]!.GetValue<string>().ShouldBe("held_by_another");
        answer["lock"]!["holder"]!.GetValue<string>().ShouldBe(Alice);
    }

    [Fact]
    public void A_stale_token_is_refused_on_renew_and_release_with_exit_1()
    {
        _cli.CurrentSessionId = Alice;
        var text = _cli.Run("lock", "acquire", "deploy");
        _cli.Run("lock", "release", "deploy", "1").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Bob;
        _cli.Run("lock", "acquire", "deploy").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Alice;

        var renew = _cli.Run("lock", "renew", "deploy", "1");
        var release = _cli.Run("lock", "release", "deploy", "1");

        text.Output.ShouldStartWith("Acquired lock 'deploy': token 1, expires ");
        renew.ExitCode.ShouldBe(1);
        renew.Error.ShouldStartWith("baton: Stale lock on 'deploy'");
        renew.Error.ShouldContain($"held by {Bob} with token 2");
        release.ExitCode.ShouldBe(1);
        release.Error.TrimEnd().ShouldNotContain("\n");
    }

    [Fact]
    public void Renew_keeps_the_token_and_ls_lists_live_locks_by_pattern()
    {
        _cli.Run("lock", "acquire", "file:src/a.cs", "--ttl", "30");
        _cli.Run("lock", "acquire", "deploy");

        var renewed = JsonNode.Parse(_cli.Run("lock", "renew", "file:src/a.cs", "1", "--ttl", "600", "--json").Output)!;
        var files = JsonNode.Parse(_cli.Run("lock", "ls", "file:*", "--json").Output)!.AsArray();
        var table = _cli.Run("lock", "ls").Output;

        renewed["token"]!.GetValue<long>().ShouldBe(1);
        files.Select(l => l!["resource"]!.GetValue<string>()).ShouldBe(["file:src/a.cs"]);
        files[0]!["holder"]!.GetValue<string>().ShouldBe("human");
        table.ShouldContain("deploy");
        table.ShouldContain("file:src/a.cs");
    }

    [Fact]
    public void Out_of_range_ttls_are_bad_input_with_exit_2()
    {
        var negative = _cli.Run("lock", "acquire", "deploy", "--ttl", "-5");
        var huge = _cli.Run("lock", "acquire", "deploy", "--ttl", "100000");
        var notNumber = _cli.Run("lock", "acquire", "deploy", "--ttl", "soon");

        negative.ExitCode.ShouldBe(2);
        negative.Error.ShouldContain("out of range");
        huge.ExitCode.ShouldBe(2);
        notNumber.ExitCode.ShouldBe(2);
        _cli.Run("lock", "ls", "--json").Output.Trim().ShouldBe("[]");
    }

    [Fact]
    public void Acquire_with_wait_gets_the_lock_once_its_holder_lets_it_lapse()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("lock", "acquire", "deploy", "--ttl", "1").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Bob;

        var waited = JsonNode.Parse(_cli.Run("lock", "acquire", "deploy", "--wait", "10", "--json").Output)!;

        waited["outcome"]!.GetValue<string>().ShouldBe("taken_over");
        waited["previous"]!["holder"]!.GetValue<string>().ShouldBe(Alice);
        waited["lock"]!["token"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public void Renew_and_release_without_a_token_use_the_callers_own_lock_and_refuse_anothers()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("lock", "acquire", "deploy").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Bob;
        var bobReleases = _cli.Run("lock", "release", "deploy");
        _cli.CurrentSessionId = Alice;

        var renewed = _cli.Run("lock", "renew", "deploy", "--ttl", "120");
        var released = _cli.Run("lock", "release", "deploy");
        var again = _cli.Run("lock", "release", "deploy");

        bobReleases.ExitCode.ShouldBe(1);
        bobReleases.Error.ShouldContain($"{Bob} holds no live lock on it; it is held by {Alice}");
        renewed.ExitCode.ShouldBe(0, renewed.Error);
        renewed.Output.ShouldContain("token 1");
        released.ExitCode.ShouldBe(0, released.Error);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("the resource is free now");
        _cli.Run("lock", "release", "--help").Output.ShouldContain("none to release your own lock");
        _cli.Run("lock", "renew", "--help").Output.ShouldContain("none to renew your own lock");
    }

    [Fact]
    public void Release_force_breaks_a_stuck_lock_of_another_and_journals_who_broke_it()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("lock", "acquire", "deploy", "--reason", "stuck deploy").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;

        var broken = _cli.Run("lock", "release", "deploy", "--force");
        var nothing = _cli.Run("lock", "release", "deploy", "--force");
        var entry = JsonNode.Parse(_cli.Run("events", "--type", "lock.broken", "--json").Output)!.AsArray().ShouldHaveSingleItem()!;
        _cli.CurrentSessionId = Alice;
        var stale = _cli.Run("lock", "renew", "deploy", "1");

        broken.ExitCode.ShouldBe(0, broken.Error);
        broken.Output.ShouldContain($"Broke lock 'deploy' of {Alice} (token 1)");
        nothing.ExitCode.ShouldBe(1);
        entry["actor"]!.GetValue<string>().ShouldBe("human");
        entry["data"]!["holder"]!.GetValue<string>().ShouldBe(Alice);
        entry["data"]!["reason"]!.GetValue<string>().ShouldBe("stuck deploy");
        stale.ExitCode.ShouldBe(1);
    }

    public void Dispose() => _cli.Dispose();
}
