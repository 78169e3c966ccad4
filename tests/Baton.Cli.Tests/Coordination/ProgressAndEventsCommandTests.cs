using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Coordination;

public sealed class ProgressAndEventsCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";

    private readonly CoordinationCliHarness _cli = new();

    [Fact]
    public void Progress_is_set_with_phase_and_percent_and_shown_without_them()
    {
        _cli.CurrentSessionId = Alice;
        var set = JsonNode.Parse(_cli.Run("progress", "issue:42", "--phase", "testing", "--percent", "60", "--message", "3 of 5 suites", "--json").Output)!;
        _cli.CurrentSessionId = null;

        var one = JsonNode.Parse(_cli.Run("progress", "issue:42", "--json").Output)!.AsArray();
        var table = _cli.Run("progress").Output;
        var partial = _cli.Run("progress", "issue:42", "--percent", "70");
        var outOfRange = _cli.Run("progress", "issue:42", "--phase", "x", "--percent", "140");
        var none = _cli.Run("progress", "issue:7");

        set.AsObject().Select(p => p.Key).ShouldBe(["subject", "phase", "percent", "message", "writer", "updated_at"]);
        set["writer"]!.GetValue<string>().ShouldBe(Alice);
        one.Single()!["percent"]!.GetValue<int>().ShouldBe(60);
        table.ShouldContain("testing");
        table.ShouldContain("60%");
        partial.ExitCode.ShouldBe(2);
        outOfRange.ExitCode.ShouldBe(2);
        none.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Events_filters_by_type_glob_and_session_and_reads_on_after_a_sequence()
    {
        _cli.Record(Alice);
        _cli.CurrentSessionId = Alice;
        _cli.Run("lock", "acquire", "deploy");
        _cli.Run("state", "set", "s", "k", "1");
        _cli.CurrentSessionId = null;
        _cli.Run("lock", "acquire", "build");

        var locks = JsonNode.Parse(_cli.Run("events", "--type", "lock.*", "--json").Output)!.AsArray();
        var byFullId = JsonNode.Parse(_cli.Run("events", "--session", Alice, "--json").Output)!.AsArray();
        var alices = JsonNode.Parse(_cli.Run("events", "--session", "aaaa1111", "--json").Output)!.AsArray();
        var after = JsonNode.Parse(_cli.Run("events", "--since", locks[0]!["seq"]!.ToJsonString(), "--json").Output)!.AsArray();
        var text = _cli.Run("events", "--type", "state.set").Output;

        locks.Select(e => e!["subject"]!.GetValue<string>()).ShouldBe(["lock:deploy", "lock:build"]);
        locks[0]!.AsObject().Select(p => p.Key).ShouldBe(["seq", "at", "type", "subject", "actor", "data", "origin", "sequence"]);
        locks[0]!["origin"]!.GetValue<string>().ShouldBe(Baton.Core.Sessions.ThisProcess.Origin, "every change records user@host[pid]");
        locks[0]!["data"]!["token"]!.GetValue<long>().ShouldBe(1);
        alices.Select(e => e!["type"]!.GetValue<string>()).Where(t => !t.StartsWith("session.", StringComparison.Ordinal)).ShouldBe(["lock.acquired", "state.set"]);
        byFullId.Count.ShouldBe(alices.Count);
        after.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["state.set", "lock.acquired"]);
        text.ShouldContain("state.set");
        text.ShouldContain("scope:s");
        text.ShouldContain("aaaa1111");
        text.ShouldContain($"({Baton.Core.Sessions.ThisProcess.Origin})");
        text.ShouldNotContain("lock.acquired");
    }

    [Fact]
    public void Events_refuses_a_bad_type_pattern_and_a_limit_out_of_range()
    {
        var type = _cli.Run("events", "--type", "lock;drop");
        var limit = _cli.Run("events", "--limit", "0");

        type.ExitCode.ShouldBe(2);
        type.Error.TrimEnd().ShouldNotContain("\n");
        limit.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Events_follow_with_a_bound_prints_the_latest_entries_as_json_lines_and_stops()
    {
        _cli.Run("state", "set", "s", "k", "1");

        var followed = _cli.Run("events", "--follow", "--follow-seconds", "1", "--json");

        followed.ExitCode.ShouldBe(0, followed.Error);
        var lines = followed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        JsonNode.Parse(lines[0])!["type"]!.GetValue<string>().ShouldBe("state.set");
    }

    public void Dispose() => _cli.Dispose();
}
