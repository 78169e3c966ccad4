using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Journal;

public sealed class GcCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public void Gc_deletes_entries_beyond_max_rows_but_keeps_those_of_a_held_lock_and_journals_itself()
    {
        for (var i = 0; i < 5; i++)
        {
            _cli.Run("state", "set", "build", "step", $"{i}").ExitCode.ShouldBe(0);
        }

        _cli.Run("lock", "acquire", "deploy", "--ttl", "600").ExitCode.ShouldBe(0);
        _cli.Run("state", "set", "build", "step", "6").ExitCode.ShouldBe(0);

        var preview = _cli.Run("gc", "--max-rows", "1", "--dry-run");
        var result = _cli.Run("gc", "--max-rows", "1", "--json");

        preview.ExitCode.ShouldBe(0);
        preview.Output.ShouldContain("Would delete 5 journal entries");
        preview.Output.ShouldContain("kept 1 that open work");
        result.ExitCode.ShouldBe(0);
        var gc = JsonNode.Parse(result.Output)!;
        gc["deleted"]!.GetValue<long>().ShouldBe(5);
        gc["kept_in_use"]!.GetValue<long>().ShouldBe(1);
        gc["remaining"]!.GetValue<long>().ShouldBe(3);
        gc["dry_run"]!.GetValue<bool>().ShouldBeFalse();
        var events = JsonNode.Parse(_cli.Run("events", "--json").Output)!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["lock.acquired", "state.set", "journal.gc"]);
        events[^1]!["seq"]!.GetValue<long>().ShouldBe(gc["seq"]!.GetValue<long>());
        _cli.Run("state", "get", "build", "step").Output.ShouldContain("6");
    }

    [Fact]
    public void Gc_by_default_keeps_a_young_journal_whole()
    {
        _cli.Run("state", "set", "build", "step", "1").ExitCode.ShouldBe(0);

        var result = _cli.Run("gc");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldStartWith("Deleted 0 journal entries older than 30 days or beyond the newest 1,000,000;");
        JsonNode.Parse(_cli.Run("events", "--json").Output)!.AsArray().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("--older-than", "-1")]
    [InlineData("--older-than", "36501")]
    [InlineData("--max-rows", "-5")]
    public void Gc_refuses_a_bound_out_of_range_with_one_line_and_exit_2(string option, string value)
    {
        var result = _cli.Run("gc", option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.ShouldContain(option);
    }

    public void Dispose() => _cli.Dispose();
}
