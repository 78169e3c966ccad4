using Baton.Cli.Watch;
using Baton.Core.Sessions;
using static Baton.Cli.Tests.Watch.Sessions;

namespace Baton.Cli.Tests.Watch;

/// <summary>The dashboard's task pane: the tasks of the lists the sessions work, Baton's and Claude Code's native ones.</summary>
public sealed class TaskPaneTests : IDisposable
{
    private readonly DashboardState _state = new("/work/here");
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_pane_shows_each_list_with_state_owner_and_blockers_under_the_sessions()
    {
        _state.SetSessions(
            [Watched("11111111-run", idleSeconds: 3, name: "api")],
            taskLists:
            [
                new WatchedTaskList("plan", false, [new WatchedTask("#1", "in_progress", "api", "-", "design the schema"), new WatchedTask("#2", "blocked", "-", "#1", "write the migration")]),
                new WatchedTaskList("plan", true, [new WatchedTask("#1", "ready", "-", "-", "update the docs")]),
            ]);

        var lines = DashboardRenderer.Render(_state, new DashboardLayout(80, null, Interactive: false), Now).PlainLines;

        lines.Count.ShouldBe(9);
        lines[2].ShouldStartWith("   11111111");
        lines[3].ShouldBe("");
        lines[4].ShouldBe("TASKS plan (baton)");
        lines[5].ShouldMatch(@"^  #1 +in_progress +api +- +design the schema$");
        lines[6].ShouldMatch(@"^  #2 +blocked +- +blocked by #1 +write the migration$");
        lines[7].ShouldBe("TASKS plan (Claude Code native)");
        lines[8].ShouldMatch(@"^  #1 +ready +- +- +update the docs$");
    }

    [Fact]
    public void In_a_terminal_the_pane_takes_the_rows_the_sessions_leave_and_says_how_many_task_lines_it_left_out()
    {
        _state.SetSessions(
            Enumerable.Range(0, 3).Select(i => Watched($"{i:D8}-session", idleSeconds: i)),
            taskLists: [new WatchedTaskList("big", false, [.. Enumerable.Range(1, 40).Select(i => new WatchedTask($"#{i}", "ready", "-", "-", $"task {i}"))])]);

        var frame = DashboardRenderer.Render(_state, new DashboardLayout(80, 24, Interactive: true), Now);

        frame.Lines.Count.ShouldBe(24);
        frame.Lines.ShouldAllBe(l => CellText.Width(l.Text) <= 80);
        frame.PlainLines.Skip(2).Take(3).ShouldAllBe(l => l.Contains(" 0000000", StringComparison.Ordinal), "every session keeps its row");
        frame.PlainLines[5].ShouldBe("");
        frame.PlainLines[6].ShouldBe("TASKS big (baton)");
        frame.PlainLines[^2].ShouldBe("  25 more task lines (baton tasks ls LIST)");
        frame.PlainLines[^1].ShouldBe(DashboardRenderer.Keys);
    }

    [Fact]
    public void Watch_once_reads_the_baton_and_the_native_list_a_session_works()
    {
        var folder = Path.Combine(_cli.UserHome, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "1.json"), """{"id": "1", "subject": "native design", "status": "in_progress", "owner": "alice", "blocks": ["2"], "blockedBy": []}""");
        File.WriteAllText(Path.Combine(folder, "2.json"), """{"id": "2", "subject": "native migration", "status": "pending", "blocks": [], "blockedBy": ["1"]}""");
        _cli.Record(new HookObservation
        {
            SessionId = "aaaa1111-0000-4000-8000-000000000001",
            EventName = HookEvents.UserPromptSubmit,
            Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HookEvents.UserPromptSubmit),
            Cwd = _cli.WorkingDirectory,
            TaskList = "plan",
            At = DateTimeOffset.UtcNow,
        });
        _cli.Run("tasks", "add", "plan", "baton task").ExitCode.ShouldBe(0);

        var result = _cli.Run("watch", "--once");

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        lines.ShouldContain("TASKS plan (baton)");
        lines.ShouldContain("TASKS plan (Claude Code native)");
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  #1 +ready +- +- +baton task$"));
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  #1 +in_progress +alice +- +native design$"));
        lines.ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  #2 +blocked +- +blocked by #1 +native migration$"));
    }
}
