using System.Text.Json.Nodes;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Sessions;

public sealed class RestoreCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_dry_run_lists_the_lost_sessions_and_not_those_ended_on_purpose_and_claims_nothing()
    {
        _cli.Record("aaaa1111-lost", HookEvents.Stop);
        _cli.GoneSessions.Add("aaaa1111-lost");
        _cli.Record("bbbb2222-live", HookEvents.Stop);
        _cli.Record("cccc3333-exited", HookEvents.Stop);
        _cli.Record("cccc3333-exited", HookEvents.SessionEnd, reason: "prompt_input_exit");
        _cli.Record("dddd4444-hung-up", HookEvents.Stop);
        _cli.Record("dddd4444-hung-up", HookEvents.SessionEnd, reason: SessionRegistry.SignalledReason);
        _cli.Run("task", "ship it", "--session", "aaaa1111").ExitCode.ShouldBe(0);

        var first = _cli.Run("restore", "--dry-run", "--json");
        var second = _cli.Run("restore", "--dry-run", "--json");
        var text = _cli.Run("restore", "--dry-run");

        first.ExitCode.ShouldBe(0, first.Error);
        var listed = JsonNode.Parse(first.Output)!.AsArray();
        listed.Select(r => (string?)r!["session_id"]).ShouldBe(["aaaa1111-lost", "dddd4444-hung-up"]);
        listed.ShouldAllBe(r => !(bool)r!["restored"]! && r["tmux_pane"] == null && r["error"] == null);
        ((string?)listed[0]!["task"]).ShouldBe("ship it");
        ((string?)listed[0]!["cwd"]).ShouldBe(_cli.WorkingDirectory);
        second.Output.ShouldBe(first.Output, "a dry run claims nothing");
        text.Output.ShouldContain($"Would restore 'aaaa1111' (aaaa1111) in {_cli.WorkingDirectory}");
    }

    [Fact]
    public void Watch_offers_restore_in_one_line_only_when_sessions_were_lost()
    {
        _cli.Record("bbbb2222-live", HookEvents.Stop);
        _cli.Run("watch", "--once").Output.ShouldNotContain("baton restore");

        _cli.Record("aaaa1111-lost", HookEvents.Stop);
        _cli.GoneSessions.Add("aaaa1111-lost");

        _cli.Run("watch", "--once").Output.ShouldContain("1 session was live when the machine or tmux went down; bring it back: baton restore");
    }

    [Fact]
    public void Nothing_to_restore_says_so()
    {
        _cli.Run("restore").Output.ShouldContain("No sessions to restore");
        _cli.Run("restore", "--json").Output.ShouldBe("[]" + Environment.NewLine);
    }
}
