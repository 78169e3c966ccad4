using Baton.Cli.Watch;
using Baton.Core.Sessions;
using static Baton.Cli.Tests.Watch.Sessions;

namespace Baton.Cli.Tests.Watch;

public sealed class DashboardStateTests
{
    private readonly DashboardState _state = new("/work/here", userHome: "/home/me");

    [Fact]
    public void Permission_prompts_come_first_then_idle_prompts_longest_waiting_first_then_the_rest_by_latest_activity()
    {
        _state.SetSessions(
        [
            Watched("run-old", idleSeconds: 300),
            Watched("input-short", SessionStatus.WaitingInput, waitedSeconds: 10),
            Watched("run-new", idleSeconds: 5),
            Watched("perm", SessionStatus.WaitingPermission, waitedSeconds: 1),
            Watched("input-long", SessionStatus.WaitingInput, waitedSeconds: 600),
            Watched("starting", SessionStatus.Starting, idleSeconds: 60),
        ]);

        _state.Visible.Select(w => w.Session.SessionId).ShouldBe(["perm", "input-long", "input-short", "run-new", "starting", "run-old"]);
    }

    [Fact]
    public void Waits_marked_seen_drop_below_unseen_waits_and_s_asks_to_mark_the_selected_one()
    {
        var seenPermission = Watched("perm-seen", SessionStatus.WaitingPermission, waitedSeconds: 900);
        _state.SetSessions(
        [
            seenPermission with { Session = seenPermission.Session with { SeenAt = Now.AddSeconds(-60) } },
            Watched("input", SessionStatus.WaitingInput, waitedSeconds: 10),
            Watched("run", idleSeconds: 5),
            Watched("perm", SessionStatus.WaitingPermission, waitedSeconds: 1),
        ]);

        _state.Visible.Select(w => w.Session.SessionId).ShouldBe(["perm", "input", "perm-seen", "run"]);
        _state.Handle(Char('s')).ShouldBe(new DashboardCommand.Ack(_state.Visible[0].Session));
    }

    [Fact]
    public void Selection_starts_on_the_first_row_moves_with_the_arrows_and_stops_at_both_ends()
    {
        _state.SetSessions([Watched("a", idleSeconds: 1), Watched("b", idleSeconds: 2), Watched("c", idleSeconds: 3)]);
        _state.SelectedIndex.ShouldBe(0);

        _state.Handle(Key(ConsoleKey.UpArrow));
        _state.SelectedIndex.ShouldBe(0);
        _state.Handle(Key(ConsoleKey.DownArrow));
        _state.Handle(Key(ConsoleKey.DownArrow));
        _state.Handle(Key(ConsoleKey.DownArrow));
        _state.Selected!.Session.SessionId.ShouldBe("c");
        _state.Handle(Key(ConsoleKey.Home));
        _state.SelectedIndex.ShouldBe(0);
        _state.Handle(Key(ConsoleKey.End));
        _state.SelectedIndex.ShouldBe(2);
    }

    [Fact]
    public void The_selected_session_stays_selected_when_the_order_changes_and_a_vanished_one_leaves_the_selection_in_place()
    {
        _state.SetSessions([Watched("a", idleSeconds: 1), Watched("b", idleSeconds: 2), Watched("c", idleSeconds: 3)]);
        _state.Handle(Key(ConsoleKey.DownArrow));

        _state.SetSessions([Watched("a", idleSeconds: 1), Watched("b", SessionStatus.WaitingPermission), Watched("c", idleSeconds: 3)]);
        _state.Selected!.Session.SessionId.ShouldBe("b", "b moved to the top and stays selected");
        _state.SelectedIndex.ShouldBe(0);

        _state.Handle(Key(ConsoleKey.End));
        _state.SetSessions([Watched("a", idleSeconds: 1), Watched("b", idleSeconds: 2)]);
        _state.SelectedIndex.ShouldBe(1, "c went away: the selection clamps to the last row");

        _state.SetSessions([]);
        _state.Selected.ShouldBeNull();
        _state.SetSessions([Watched("d")]);
        _state.Selected!.Session.SessionId.ShouldBe("d");
    }

    [Fact]
    public void Enter_and_a_attach_the_selected_session()
    {
        _state.SetSessions([Watched("a", idleSeconds: 1), Watched("b", idleSeconds: 2)]);
        _state.Handle(Key(ConsoleKey.DownArrow));

        _state.Handle(Enter).ShouldBeOfType<DashboardCommand.Attach>().Session.SessionId.ShouldBe("b");
        _state.Handle(Char('a')).ShouldBeOfType<DashboardCommand.Attach>().Session.SessionId.ShouldBe("b");
    }

    [Fact]
    public void Attach_or_kill_without_sessions_does_nothing_but_say_so()
    {
        _state.Handle(Enter).ShouldBe(DashboardCommand.None);
        _state.Message.ShouldBe("No session to attach to.");
        _state.Handle(Char('k')).ShouldBe(DashboardCommand.None);
        _state.Mode.ShouldBe(DashboardMode.Normal);
    }

    [Fact]
    public void Kill_asks_first_and_only_y_kills()
    {
        _state.SetSessions([Watched("a1", name: "api")]);

        _state.Handle(Char('k')).ShouldBe(DashboardCommand.None);
        _state.Mode.ShouldBe(DashboardMode.ConfirmKill);
        _state.PendingKill!.Label.ShouldBe("api");
        _state.Handle(Char('y')).ShouldBeOfType<DashboardCommand.Kill>().Session.SessionId.ShouldBe("a1");
        _state.Mode.ShouldBe(DashboardMode.Normal);

        foreach (var no in new[] { Char('n'), Char('Y'), Enter, Escape, Char('k') })
        {
            _state.Handle(Char('k'));
            _state.Handle(no).ShouldBe(DashboardCommand.None);
            _state.Mode.ShouldBe(DashboardMode.Normal);
            _state.Message.ShouldBe("Not killed: api.");
        }
    }

    [Fact]
    public void New_asks_for_the_folder_with_the_current_one_as_default_then_for_an_optional_task()
    {
        _state.Handle(Char('n'));
        _state.Mode.ShouldBe(DashboardMode.NewFolder);
        _state.Handle(Enter).ShouldBe(DashboardCommand.None);
        _state.Mode.ShouldBe(DashboardMode.NewTask);
        _state.NewDirectory.ShouldBe("/work/here");
        _state.Type("fix the login bug");

        _state.Handle(Enter).ShouldBe(new DashboardCommand.New("/work/here", "fix the login bug"));
        _state.Mode.ShouldBe(DashboardMode.Normal);
    }

    [Theory]
    [InlineData("web", "/work/here/web")]
    [InlineData("../other/", "/work/other")]
    [InlineData("/srv/app", "/srv/app")]
    [InlineData("~/code", "/home/me/code")]
    [InlineData("~", "/home/me")]
    public void A_typed_folder_is_made_absolute_from_the_current_one(string typed, string expected)
    {
        _state.Handle(Char('n'));
        _state.Type(typed);
        _state.Handle(Enter);

        _state.Handle(Enter).ShouldBe(new DashboardCommand.New(expected, null), "an empty task is none");
    }

    [Fact]
    public void New_prompts_edit_with_backspace_and_esc_cancels_them()
    {
        _state.Handle(Char('n'));
        _state.Type("webx");
        _state.Handle(Key(ConsoleKey.Backspace));
        _state.Input.ShouldBe("web");
        _state.Handle(Escape).ShouldBe(DashboardCommand.None);
        _state.Mode.ShouldBe(DashboardMode.Normal);

        _state.Handle(Char('n'));
        _state.Input.ShouldBe("", "a new prompt starts empty");
        _state.Handle(Enter);
        _state.Handle(Escape).ShouldBe(DashboardCommand.None);
        _state.Mode.ShouldBe(DashboardMode.Normal);
    }

    [Fact]
    public void The_filter_applies_as_it_is_typed_to_id_name_project_branch_and_task_in_any_case()
    {
        _state.SetSessions(
        [
            Watched("1111aaaa", project: "api", idleSeconds: 1),
            Watched("2222bbbb", project: "web", name: "frontend", idleSeconds: 2),
            Watched("3333cccc", project: "web", branch: "feature-login", idleSeconds: 3),
            Watched("4444dddd", project: "docs", task: "Write the LOGIN guide", idleSeconds: 4),
        ]);

        _state.Handle(Char('/'));
        _state.Mode.ShouldBe(DashboardMode.FilterInput);
        _state.Type("login");
        _state.Visible.Select(w => w.Session.SessionId).ShouldBe(["3333cccc", "4444dddd"]);

        _state.Handle(Enter);
        _state.Mode.ShouldBe(DashboardMode.Normal);
        _state.Filter.ShouldBe("login");
        _state.Selected!.Session.SessionId.ShouldBe("3333cccc");

        _state.Handle(Char('/'));
        _state.Input.ShouldBe("login", "editing starts from the current filter");
        _state.Handle(Escape);
        _state.Filter.ShouldBeNull();
        _state.Visible.Count.ShouldBe(4);

        foreach (var (text, expected) in new[] { ("FRONT", "2222bbbb"), ("2222", "2222bbbb"), ("docs", "4444dddd"), ("API", "1111aaaa") })
        {
            _state.Handle(Char('/'));
            _state.Type(text);
            _state.Handle(Enter);
            _state.Visible.Select(w => w.Session.SessionId).ShouldBe([expected], text);
            _state.Handle(Escape);
            _state.Filter.ShouldBeNull("Esc in normal mode clears the filter too");
        }
    }

    [Fact]
    public void A_filter_given_at_start_applies_to_the_sessions()
    {
        var state = new DashboardState("/work", filter: "web");
        state.SetSessions([Watched("a", project: "api"), Watched("b", project: "web")]);

        state.Visible.Single().Session.SessionId.ShouldBe("b");
    }

    [Fact]
    public void Q_and_ctrl_c_quit_but_q_typed_in_a_prompt_is_text()
    {
        _state.Handle(Char('q')).ShouldBe(DashboardCommand.Exit);
        _state.Handle(CtrlC).ShouldBe(DashboardCommand.Exit);

        _state.Handle(Char('/'));
        _state.Handle(Char('q')).ShouldBe(DashboardCommand.None);
        _state.Input.ShouldBe("q");
        _state.Handle(CtrlC).ShouldBe(DashboardCommand.Exit, "Ctrl-C quits from any mode");
    }

    [Fact]
    public void A_message_lasts_until_the_next_key()
    {
        _state.ShowMessage("kill is not available yet");
        _state.Message.ShouldBe("kill is not available yet");

        _state.Handle(Key(ConsoleKey.DownArrow));

        _state.Message.ShouldBeNull();
    }
}
