using Baton.Cli.Watch;
using Baton.Core.Sessions;
using Spectre.Console;
using static Baton.Cli.Tests.Watch.Sessions;

namespace Baton.Cli.Tests.Watch;

public sealed class DashboardRendererTests
{
    private static readonly DashboardLayout Terminal80x24 = new(80, 24, Interactive: true);

    private readonly DashboardState _state = new("/work/here");

    [Fact]
    public void Rows_that_need_a_person_are_marked_and_show_how_long_they_have_waited()
    {
        _state.SetSessions(
        [
            Watched("11111111-run", idleSeconds: 12, project: "web", branch: "feature-x", dirty: true, task: "refactor"),
            Watched("22222222-perm", SessionStatus.WaitingPermission, waitedSeconds: 65, idleSeconds: 3),
            Watched("33333333-input", SessionStatus.WaitingInput, waitedSeconds: 7200),
        ]);

        var lines = Render(new DashboardLayout(80, null, Interactive: false));

        lines[0].ShouldBe("baton watch  3 live, 2 need you");
        lines[1].ShouldStartWith("   ID");
        lines[1].ShouldContain("STATUS");
        lines[2].ShouldStartWith(" ! 22222222");
        lines[2].ShouldContain("waiting_permission 1m05s");
        lines[2].ShouldEndWith(" 3s", Case.Sensitive, "an empty task leaves nothing after UPDATED");
        lines[3].ShouldStartWith(" ! 33333333");
        lines[3].ShouldContain("waiting_input 2h00m");
        lines[4].ShouldStartWith("   11111111");
        lines[4].ShouldContain("feature-x*");
        lines[4].ShouldContain("running");
        lines[4].ShouldContain("12s");
        lines[4].ShouldEndWith("refactor");
        lines.Count.ShouldBe(5, "a one-off frame has no footer");
    }

    [Fact]
    public void Thirty_sessions_fit_an_80x24_terminal_with_the_footer_on_the_last_line()
    {
        _state.SetSessions(Enumerable.Range(0, 30).Select(i => Watched(
            $"{i:D8}-session",
            i % 7 == 0 ? SessionStatus.WaitingInput : SessionStatus.Running,
            waitedSeconds: i,
            idleSeconds: i,
            name: $"worker-{i}",
            project: "a-project-with-a-rather-long-name",
            branch: "feature/some-long-branch-name",
            task: "A long task description that cannot possibly fit in what is left of an eighty column line")));

        var frame = DashboardRenderer.Render(_state, Terminal80x24, Now);

        frame.Lines.Count.ShouldBe(24);
        frame.Lines.ShouldAllBe(l => CellText.Width(l.Text) <= 80);
        frame.PlainLines[0].ShouldBe("baton watch  30 live, 5 need you");
        frame.PlainLines[^1].ShouldBe(DashboardRenderer.Keys);
        frame.PlainLines[^2].ShouldBe("  10 more below");
        frame.PlainLines.Count(l => l.Contains("worker-", StringComparison.Ordinal)).ShouldBe(20);
        frame.PlainLines[2].ShouldStartWith(">! 00000028", Case.Sensitive, "the longest waiting idle prompt is first, and selected");
    }

    [Fact]
    public void Long_project_branch_and_task_are_cut_with_an_ellipsis_while_id_and_status_stay_whole()
    {
        _state.SetSessions(
        [
            Watched(
                "abcdef12-3456",
                SessionStatus.WaitingPermission,
                waitedSeconds: 65,
                project: "a-project-with-a-rather-long-name",
                branch: "feature/some-long-branch-name",
                task: "A long task description that cannot possibly fit in what is left of the line"),
        ]);

        var row = Render(Terminal80x24)[2];

        CellText.Width(row).ShouldBeLessThanOrEqualTo(80);
        row.ShouldContain("abcdef12 ");
        row.ShouldContain("waiting_permission 1m05s");
        row.ShouldMatch(@" a-proj\S*… feature/\S*… waiting_permission 1m05s 0s +A long\S*( \S+)*…$");
    }

    [Fact]
    public void A_failed_turns_reason_gives_up_its_cells_before_the_project_does_but_a_wait_never_does()
    {
        var failed = Watched("error001", SessionStatus.WaitingInput, waitedSeconds: 5, project: "payments-service", branch: "main");
        _state.SetSessions(
        [
            Watched("perm0001", SessionStatus.WaitingPermission, waitedSeconds: 65, project: "payments-service", branch: "main"),
            failed with
            {
                Session = failed.Session with { StatusReason = "turn failed: rate_limit: too many requests, please slow down and try again later" },
            },
        ]);

        var lines = Render(Terminal80x24);

        lines[2].ShouldContain(" payments-service ");
        lines[2].ShouldContain(" waiting_permission 1m05s ");
        lines[3].ShouldMatch(@" waiting_input 5s \(turn fa…");
        lines[3].ShouldContain(" payments-service ");
        lines.ShouldAllBe(l => l.Length <= 80);
    }

    [Fact]
    public void Columns_get_two_spaces_between_them_when_there_is_room()
    {
        _state.SetSessions([Watched("abcdef12-3456", name: "api", task: "short")]);

        var row = Render(Terminal80x24)[2];

        row.ShouldContain("abcdef12  api   api      main    running  0s       short", Case.Sensitive, "no MSG column without unread messages");
    }

    [Fact]
    public void Sessions_on_more_than_one_host_or_user_show_where_each_runs_and_sessions_on_one_do_not()
    {
        var ada = Watched("abcdef12-3456", name: "api", task: "short");
        _state.SetSessions([ada with { Session = ada.Session with { Host = "laptop", User = "ada" } }]);
        var alone = Render(Terminal80x24);
        var bob = Watched("bcdef123-4567", name: "web", task: "other");
        _state.SetSessions(
        [
            ada with { Session = ada.Session with { Host = "laptop", User = "ada" } },
            bob with { Session = bob.Session with { Host = "laptop", User = "bob" } },
        ]);

        var shared = Render(Terminal80x24);

        alone[1].ShouldNotContain("HOST");
        alone[2].ShouldNotContain("ada@laptop");
        shared[1].ShouldContain("HOST");
        shared[2].ShouldContain(" ada@laptop ");
        shared[3].ShouldContain(" bob@laptop ");
    }

    [Fact]
    public void A_session_working_a_task_list_shows_the_list_before_its_task()
    {
        _state.SetSessions([Watched("abcdef12-3456", name: "api", task: "short", taskList: "plan")]);

        Render(Terminal80x24)[2].ShouldContain("[plan] short");
    }

    [Fact]
    public void Unread_messages_are_counted_under_msg_and_none_leaves_it_blank_even_when_the_line_is_squeezed_to_80_columns()
    {
        _state.SetSessions(
        [
            Watched(
                "11111111-mail",
                SessionStatus.WaitingPermission,
                waitedSeconds: 65,
                name: "a-rather-long-session-name",
                project: "a-project-with-a-rather-long-name",
                branch: "feature/some-long-branch-name",
                task: "A long task description that cannot possibly fit in what is left of the line",
                unread: 12),
            Watched("22222222-none", idleSeconds: 5, task: "quiet"),
        ]);

        var lines = Render(Terminal80x24);

        lines.ShouldAllBe(l => l.Length <= 80);
        lines[1].ShouldMatch("^ +ID +NAME +PROJECT +BRANCH +STATUS +UPDATED +MSG +TASK$");
        var msg = lines[1].IndexOf("MSG", StringComparison.Ordinal);
        lines[2].ShouldContain("waiting_permission 1m05s");
        lines[2].Substring(msg, 3).ShouldBe("12 ");
        lines[3].Substring(msg, 3).ShouldBe("   ");
        lines[3].ShouldEndWith("quiet");
    }

    [Theory]
    [InlineData(40, 10)]
    [InlineData(120, 40)]
    [InlineData(20, 5)]
    public void Any_terminal_size_gets_a_frame_of_exactly_its_size(int width, int height)
    {
        _state.SetSessions(Enumerable.Range(0, 30).Select(i => Watched($"{i:D8}", SessionStatus.WaitingPermission, task: new string('t', 200))));

        var frame = DashboardRenderer.Render(_state, new DashboardLayout(width, height, Interactive: true), Now);

        frame.Lines.Count.ShouldBe(height);
        frame.Lines.ShouldAllBe(l => CellText.Width(l.Text) <= width);
    }

    [Fact]
    public void The_selected_row_stays_in_view_when_the_selection_moves_past_the_bottom()
    {
        _state.SetSessions(Enumerable.Range(0, 30).Select(i => Watched($"{i:D8}", idleSeconds: i)));
        for (var i = 0; i < 25; i++)
        {
            _state.Handle(Key(ConsoleKey.DownArrow));
        }

        var lines = Render(Terminal80x24);

        lines.ShouldContain(l => l.StartsWith(">  00000025", StringComparison.Ordinal));
        lines[^2].ShouldBe("  6 more above, 4 below");
    }

    [Fact]
    public void The_selected_row_is_inverted_over_the_whole_width_and_rows_needing_a_person_are_coloured()
    {
        _state.SetSessions([Watched("perm", SessionStatus.WaitingPermission), Watched("input", SessionStatus.WaitingInput), Watched("run")]);

        var frame = DashboardRenderer.Render(_state, Terminal80x24, Now);

        var selected = frame.Lines[2];
        selected.Spans.ShouldAllBe(s => s.Style.Decoration.HasFlag(Decoration.Invert));
        CellText.Width(selected.Text).ShouldBe(80);
        selected.Spans.ShouldContain(s => s.Style.Foreground == Color.Red);
        frame.Lines[3].Spans.ShouldAllBe(s => s.Text.Trim().Length == 0 || s.Style.Foreground == Color.Yellow);
        frame.Lines[4].Spans.ShouldContain(s => s.Text.Contains("running", StringComparison.Ordinal) && s.Style.Foreground == Color.Green);
        frame.Lines[4].Spans.ShouldNotContain(s => s.Style.Decoration.HasFlag(Decoration.Invert));
    }

    [Fact]
    public void Control_characters_in_a_task_cannot_reach_the_terminal()
    {
        _state.SetSessions([Watched("a", task: "line one\nline two\u001b[2J")]);

        var lines = Render(Terminal80x24);

        lines[2].ShouldContain("line one line two [2J");
        string.Concat(lines).ShouldNotContain("\u001b");
    }

    [Fact]
    public void The_footer_asks_before_killing_and_prompts_for_a_new_session()
    {
        _state.SetSessions([Watched("a1", name: "api")]);

        _state.Handle(Char('k'));
        Render(Terminal80x24)[^1].ShouldBe("Kill api? y/n");
        _state.Handle(Char('n'));
        Render(Terminal80x24)[^1].ShouldStartWith("Not killed: api.");

        _state.Handle(Char('n'));
        Render(Terminal80x24)[^1].ShouldBe("New session folder (Enter: /work/here, Esc cancels): _");
        _state.Type("web");
        _state.Handle(Enter);
        _state.Type("fix it");
        Render(Terminal80x24)[^1].ShouldBe("Task in /work/here/web (optional, Enter starts, Esc cancels): fix it_");
    }

    [Fact]
    public void A_long_typed_text_keeps_its_end_in_view()
    {
        _state.Handle(Char('/'));
        _state.Type(new string('x', 100) + "END");

        var footer = Render(Terminal80x24)[^1];

        CellText.Width(footer).ShouldBe(80);
        footer.ShouldEndWith("xEND_");
        footer.ShouldStartWith("Filter (Enter keeps, Esc clears): …");
    }

    [Fact]
    public void The_header_shows_the_filter_and_an_empty_list_says_why()
    {
        _state.SetSessions([Watched("a", project: "api")]);
        _state.Handle(Char('/'));
        _state.Type("zzz");

        var lines = Render(Terminal80x24);

        lines[0].ShouldBe("baton watch  1 live, 0 need you  filter \"zzz\": 0 shown");
        lines[2].ShouldBe("  No live session matches the filter.");

        new DashboardState("/w").Also(s => s.SetSessions([])).Let(s => DashboardRenderer.Render(s, Terminal80x24, Now).PlainLines[2])
            .ShouldBe("  No live sessions: n starts one.");
    }

    [Fact]
    public void The_plain_text_of_a_frame_has_no_trailing_blanks_and_one_newline_per_line()
    {
        _state.SetSessions([Watched("a")]);

        var text = DashboardRenderer.Render(_state, new DashboardLayout(80, 5, Interactive: true), Now).ToPlainText();

        text.Split('\n').Length.ShouldBe(6);
        text.Split('\n').ShouldAllBe(l => l == l.TrimEnd());
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(42, "42s")]
    [InlineData(65, "1m05s")]
    [InlineData(3599, "59m59s")]
    [InlineData(3600 + 180, "1h03m")]
    [InlineData((2 * 86400) + (5 * 3600), "2d5h")]
    [InlineData(-5, "0s")]
    public void Waits_are_short_with_seconds_while_they_matter(int seconds, string expected) =>
        DashboardColumns.Waited(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    private List<string> Render(DashboardLayout layout) => DashboardRenderer.Render(_state, layout, Now).PlainLines.ToList();
}

internal static class Fluent
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }

    public static TResult Let<T, TResult>(this T value, Func<T, TResult> function) => function(value);
}
