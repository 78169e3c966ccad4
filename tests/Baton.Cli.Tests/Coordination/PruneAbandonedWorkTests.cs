using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Coordination;

public sealed class PruneAbandonedWorkTests : IDisposable
{
    private const string Live = "aaaa1111-0000-4000-8000-000000000001";
    private const string Dead = "dddd4444-0000-4000-8000-000000000004";

    private readonly CoordinationCliHarness _cli = new();

    [Fact]
    public void Prune_releases_a_dead_sessions_lock_and_claim_once_and_leaves_a_live_sessions_work_alone()
    {
        // Given a live and a dead session, each holding a lock, the dead one also a claimed item
        _cli.Record(Live);
        _cli.Record(Dead);
        _cli.CurrentSessionId = Live;
        _cli.Run("lock", "acquire", "deploy").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Dead;
        _cli.Run("lock", "acquire", "file:src/a.cs").ExitCode.ShouldBe(0);
        _cli.Run("queue", "add", "jobs", "\"build\"").ExitCode.ShouldBe(0);
        _cli.Run("queue", "claim", "jobs").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;
        _cli.GoneSessions.Add(Dead);

        // When pruning: first a dry run, then for real, then again
        var preview = _cli.Run("prune", "--dry-run");
        var locksAfterPreview = JsonNode.Parse(_cli.Run("lock", "ls", "--json").Output)!.AsArray().Count;
        var pruned = _cli.Run("prune");
        var again = _cli.Run("prune");

        // Then the dry run listed and kept the work, prune released it once, journaled as abandoned
        preview.ExitCode.ShouldBe(0, preview.Error);
        preview.Output.ShouldContain("Would move 1 session(s)");
        preview.Output.ShouldContain("Would release lock file:src/a.cs held by dddd4444");
        preview.Output.ShouldContain("Would return item 1 of queue jobs");
        preview.Output.ShouldNotContain("deploy");
        locksAfterPreview.ShouldBe(2);

        pruned.Output.ShouldContain("Moved 1 session(s)");
        pruned.Output.ShouldContain("Released lock file:src/a.cs held by dddd4444");
        pruned.Output.ShouldContain("Returned item 1 of queue jobs");
        JsonNode.Parse(_cli.Run("lock", "ls", "--json").Output)!.AsArray().Select(l => l!["resource"]!.GetValue<string>()).ShouldBe(["deploy"]);
        JsonNode.Parse(_cli.Run("queue", "ls", "jobs", "--status", "pending", "--json").Output)!.AsArray().Count.ShouldBe(1);
        var released = JsonNode.Parse(_cli.Run("events", "--type", "*.released", "--json").Output)!.AsArray();
        released.Select(e => e!["data"]!["abandoned"]!.GetValue<bool>()).ShouldBe([true, true]);

        again.Output.ShouldStartWith("Nothing to prune");
        again.Output.ShouldNotContain("Released");
    }

    [Fact]
    public void Prune_releases_the_work_of_an_ended_session_and_its_json_stays_an_array_of_sessions()
    {
        _cli.Record(Dead);
        _cli.CurrentSessionId = Dead;
        _cli.Run("lock", "acquire", "deploy").ExitCode.ShouldBe(0);
        _cli.Record(Dead, Baton.Core.Sessions.HookEvents.SessionEnd);
        _cli.CurrentSessionId = null;

        var pruned = _cli.Run("prune", "--json");

        pruned.ExitCode.ShouldBe(0, pruned.Error);
        JsonNode.Parse(pruned.Output)!.AsArray().Count.ShouldBe(0);
        JsonNode.Parse(_cli.Run("lock", "ls", "--json").Output)!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public void A_heartbeat_limit_below_one_minute_is_bad_input()
    {
        var result = _cli.Run("prune", "--heartbeat-limit", "0");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--heartbeat-limit");
    }

    public void Dispose() => _cli.Dispose();
}
