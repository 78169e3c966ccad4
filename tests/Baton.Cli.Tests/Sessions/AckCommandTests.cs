using System.Text.Json.Nodes;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Sessions;

public sealed class AckCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Ack_by_name_moves_a_waiting_session_below_the_unseen_ones_in_ls_and_ls_json_carries_seen_at()
    {
        _cli.Record("aaaa1111-first", HookEvents.Stop);
        _cli.Record("bbbb2222-second", HookEvents.Stop);
        _cli.Record("cccc3333-third", HookEvents.PermissionRequest);
        _cli.Run("rename", "aaaa1111", "first").ExitCode.ShouldBe(0);
        Ids(_cli.Run("ls", "--json").Output).ShouldBe(["aaaa1111-first", "bbbb2222-second", "cccc3333-third"]);

        var ack = _cli.Run("ack", "first", "--json");

        ack.ExitCode.ShouldBe(0, ack.Error);
        var acked = JsonNode.Parse(ack.Output)!.AsArray().ShouldHaveSingleItem()!;
        ((string?)acked["status"]).ShouldBe("waiting_input");
        ((string?)acked["seen_at"]).ShouldNotBeNull().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        var listed = JsonNode.Parse(_cli.Run("ls", "--json").Output)!.AsArray();
        listed.Select(s => (string?)s!["session_id"]).ShouldBe(["bbbb2222-second", "cccc3333-third", "aaaa1111-first"]);
        listed.Select(s => (string?)s!["seen_at"]).Take(2).ShouldAllBe(seen => seen == null);
        var table = _cli.Run("ls").Output;
        table.IndexOf("bbbb2222", StringComparison.Ordinal).ShouldBeLessThan(table.IndexOf("aaaa1111", StringComparison.Ordinal));
        table.ShouldContain("waiting_input (seen)");
    }

    [Fact]
    public void A_status_change_clears_the_mark_and_the_session_sorts_by_its_start_again()
    {
        _cli.Record("aaaa1111-first", HookEvents.Stop);
        _cli.Record("bbbb2222-second", HookEvents.Stop);
        _cli.Run("ack", "aaaa").ExitCode.ShouldBe(0);

        _cli.Record("aaaa1111-first", HookEvents.UserPromptSubmit);

        var listed = JsonNode.Parse(_cli.Run("ls", "--json").Output)!.AsArray();
        listed.Select(s => (string?)s!["session_id"]).ShouldBe(["aaaa1111-first", "bbbb2222-second"]);
        listed[0]!["seen_at"].ShouldBeNull();
    }

    [Fact]
    public void Ack_of_an_unknown_ambiguous_or_running_session_is_a_one_line_error_with_exit_code_2()
    {
        _cli.Record("abcd1111-one", HookEvents.Stop);
        _cli.Record("abcd2222-two", HookEvents.UserPromptSubmit);

        var unknown = _cli.Run("ack", "zzzz");
        var ambiguous = _cli.Run("ack", "abcd");
        var running = _cli.Run("ack", "abcd2");

        foreach (var result in new[] { unknown, ambiguous, running })
        {
            result.ExitCode.ShouldBe(2);
            result.Error.TrimEnd().ShouldNotContain("\n");
        }

        unknown.Error.ShouldStartWith("baton: No session matches 'zzzz'");
        ambiguous.Error.ShouldContain("matches 2 sessions");
        running.Error.ShouldContain("running, not waiting for a person");
    }

    private static List<string?> Ids(string json) => [.. JsonNode.Parse(json)!.AsArray().Select(s => (string?)s!["session_id"])];
}
