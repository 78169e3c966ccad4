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

    public void Dispose() => _cli.Dispose();
}
