using System.Text.Json.Nodes;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Sessions;

public sealed class SessionCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public void Ls_json_lists_live_sessions_with_the_documented_snake_case_fields()
    {
        _cli.Record("aaaa1111-live", HookEvents.SessionStart, git: new GitFacts("/src/api", "main", true));
        _cli.Record("bbbb2222-gone", HookEvents.SessionStart);
        _cli.Record("cccc3333-ended", HookEvents.SessionStart);
        _cli.Record("cccc3333-ended", HookEvents.SessionEnd, reason: "prompt_input_exit");
        _cli.GoneSessions.Add("bbbb2222-gone");

        var result = _cli.Run("ls", "--json");

        result.ExitCode.ShouldBe(0);
        var sessions = JsonNode.Parse(result.Output)!.AsArray();
        sessions.Count.ShouldBe(1);
        var session = sessions[0]!.AsObject();
        session.Select(p => p.Key).ShouldBe(
            ["session_id", "short_id", "name", "status", "status_reason", "status_since", "cwd", "project", "project_root", "branch", "dirty", "pid", "host", "user",
             "task", "model", "transcript_path", "last_event", "last_tool", "started_at", "updated_at", "ended_at", "end_reason", "tmux_pane", "seen_at",
             "task_list", "team_name", "agent_name", "parent_session_id", "unread"],
            ignoreOrder: true);
        session["session_id"]!.GetValue<string>().ShouldBe("aaaa1111-live");
        session["short_id"]!.GetValue<string>().ShouldBe("aaaa1111");
        session["status"]!.GetValue<string>().ShouldBe("waiting_input", "a session that started is at its prompt");
        session["project"]!.GetValue<string>().ShouldBe("api");
        session["branch"]!.GetValue<string>().ShouldBe("main");
        session["dirty"]!.GetValue<bool>().ShouldBeTrue();
        session["started_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        session["ended_at"].ShouldBeNull();
    }

    [Fact]
    public void Ls_json_streams_a_listing_longer_than_one_output_chunk_as_one_indented_array()
    {
        var ids = Enumerable.Range(0, 150).Select(i => $"{i:0000}aaaa-session").ToList();
        foreach (var id in ids)
        {
            _cli.Record(id, HookEvents.SessionStart);
        }

        var result = _cli.Run("ls", "--all", "--json");

        result.ExitCode.ShouldBe(0);
        result.Output.Length.ShouldBeGreaterThan(64 * 1024);
        result.Output.ShouldStartWith("[\n  {\n    \"session_id\": \"0000aaaa-session\",\n");
        result.Output.ShouldEndWith("\n  }\n]" + Environment.NewLine);
        JsonNode.Parse(result.Output)!.AsArray().Select(s => s!["session_id"]!.GetValue<string>()).ShouldBe(ids);
        _cli.Run("ls", "--json", "--all").Output.ShouldBe(result.Output);
    }

    [Fact]
    public void Ls_json_with_no_sessions_is_an_empty_array()
    {
        _cli.Run("ls", "--json").Output.ShouldBe("[]" + Environment.NewLine);
    }

    [Fact]
    public void History_pages_backwards_with_limit_and_before_showing_each_ended_session_once()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"{i:0000}eeee-ended").ToList();
        foreach (var id in ids)
        {
            _cli.Record(id, HookEvents.SessionStart);
            _cli.Record(id, HookEvents.SessionEnd, reason: "other");
            Thread.Sleep(2);
        }

        List<string> Page(params string[] more) =>
            [.. JsonNode.Parse(_cli.Run(["history", "--json", "--limit", "2", .. more]).Output)!.AsArray().Select(s => s!["session_id"]!.GetValue<string>())];

        var last = Page();
        var before = Page("--before", last[0]);
        var first = Page("--before", before[0]);

        last.ShouldBe([ids[3], ids[4]]);
        before.ShouldBe([ids[1], ids[2]]);
        first.ShouldBe([ids[0]]);
        Page("--before", ids[0]).ShouldBeEmpty();
        _cli.Run("history", "--limit", "2").Output.ShouldContain($"--before {ids[3]}");
        _cli.Run("history", "--limit", "0").ExitCode.ShouldBe(2);
        _cli.Record("ffff0000-open", HookEvents.SessionStart);
        var open = _cli.Run("history", "--before", "ffff0000-open");
        open.ExitCode.ShouldBe(2);
        open.Error.ShouldContain("has not ended");
    }

    [Fact]
    public void Ls_all_adds_ended_sessions_and_shows_a_dead_process_as_exited()
    {
        _cli.Record("aaaa1111-live", HookEvents.SessionStart);
        _cli.Record("bbbb2222-gone", HookEvents.UserPromptSubmit);
        _cli.Record("cccc3333-ended", HookEvents.SessionEnd, reason: "clear");
        _cli.GoneSessions.Add("bbbb2222-gone");

        var sessions = JsonNode.Parse(_cli.Run("ls", "--all", "--json").Output)!.AsArray();

        sessions.Select(s => (s!["session_id"]!.GetValue<string>(), s["status"]!.GetValue<string>())).ShouldBe(
            [("aaaa1111-live", "waiting_input"), ("bbbb2222-gone", "exited"), ("cccc3333-ended", "exited")]);
        sessions[2]!["end_reason"]!.GetValue<string>().ShouldBe("clear");
    }

    [Fact]
    public void Ls_prints_a_table_with_the_dirty_mark_and_the_live_alias_is_the_same_command()
    {
        _cli.Record("aaaa1111-live", HookEvents.PermissionRequest, git: new GitFacts("/src/web", "feature-x", true));

        var table = _cli.Run("ls").Output;

        table.ShouldContain("aaaa1111");
        table.ShouldContain("feature-x*");
        table.ShouldContain("waiting_permission");
        _cli.Run("live").Output.ShouldContain("waiting_permission", customMessage: "live is an alias of ls");
    }

    [Fact]
    public void An_unknown_id_is_a_one_line_error_with_exit_code_2()
    {
        _cli.Record("aaaa1111-live", HookEvents.SessionStart);

        var result = _cli.Run("task", "--session", "zzzz");

        result.ExitCode.ShouldBe(2);
        result.Error.TrimEnd().ShouldNotContain("\n");
        result.Error.TrimEnd().ShouldBe("baton: No session matches 'zzzz'. See 'baton ls --all'.", "the command line words Core's remedy with its own command");
    }

    [Fact]
    public void An_ambiguous_prefix_names_the_candidates_and_a_longer_one_resolves()
    {
        _cli.Record("abcd1111-one", HookEvents.SessionStart);
        _cli.Record("abcd2222-two", HookEvents.SessionStart);

        var ambiguous = _cli.Run("task", "--session", "abcd");
        var resolved = _cli.Run("task", "write docs", "--session", "abcd2");

        ambiguous.ExitCode.ShouldBe(2);
        ambiguous.Error.ShouldContain("matches 2 sessions");
        resolved.ExitCode.ShouldBe(0);
        resolved.Output.ShouldContain("abcd2222: write docs");
    }

    [Fact]
    public void Task_sets_and_shows_the_current_sessions_task()
    {
        _cli.Record("aaaa1111-live", HookEvents.SessionStart);
        _cli.CurrentSessionId = "aaaa1111-live";

        _cli.Run("task", "fix the login bug").ExitCode.ShouldBe(0);
        var shown = JsonNode.Parse(_cli.Run("task", "--json").Output)!;
        _cli.Run("task", "--clear").ExitCode.ShouldBe(0);

        shown["task"]!.GetValue<string>().ShouldBe("fix the login bug");
        _cli.Run("task").Output.ShouldContain("(no task)");
    }

    [Fact]
    public void Current_prefers_the_session_named_by_the_environment_then_the_working_directory()
    {
        _cli.Record("aaaa1111-here", HookEvents.SessionStart);
        _cli.Record("bbbb2222-else", HookEvents.SessionStart, cwd: "/somewhere/else");

        var byDirectory = JsonNode.Parse(_cli.Run("current", "--json").Output)!.AsArray();
        _cli.CurrentSessionId = "bbbb2222-else";
        var byEnvironment = JsonNode.Parse(_cli.Run("current", "--json").Output)!.AsArray();
        _cli.CurrentSessionId = null;
        _cli.WorkingDirectory = "/";
        var none = _cli.Run("current");

        byDirectory.Single()!["session_id"]!.GetValue<string>().ShouldBe("aaaa1111-here");
        byEnvironment.Single()!["session_id"]!.GetValue<string>().ShouldBe("bbbb2222-else");
        none.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Current_works_from_a_subfolder_of_the_sessions_folder_and_of_its_project()
    {
        var session = _cli.WorkingDirectory;
        _cli.Record("aaaa1111-here", HookEvents.SessionStart);
        _cli.Record("cccc3333-api", HookEvents.SessionStart, cwd: "/src/api/backend", git: new GitFacts("/src/api", "main", false));
        var subfolder = Directory.CreateDirectory(Path.Combine(session, "src", "deep")).FullName;

        _cli.WorkingDirectory = subfolder;
        var inSubfolder = _cli.Run("current", "--json");
        _cli.WorkingDirectory = "/src/api/frontend/web";
        var inProject = _cli.Run("current", "--json");
        _cli.WorkingDirectory = session + "-sibling";
        var beside = _cli.Run("current");

        inSubfolder.ExitCode.ShouldBe(0, inSubfolder.Error);
        JsonNode.Parse(inSubfolder.Output)!.AsArray().Single()!["session_id"]!.GetValue<string>().ShouldBe("aaaa1111-here");
        JsonNode.Parse(inProject.Output)!.AsArray().Single()!["session_id"]!.GetValue<string>().ShouldBe("cccc3333-api");
        beside.ExitCode.ShouldBe(1, "a folder whose name merely starts like the session's is not in it");
    }

    [Fact]
    public void Conflicts_reports_two_live_sessions_in_one_project_and_fail_turns_that_into_exit_1()
    {
        var git = new GitFacts("/src/api", "main", false);
        _cli.Record("aaaa1111-one", HookEvents.SessionStart, git: git);
        _cli.Record("bbbb2222-two", HookEvents.SessionStart, git: git);
        _cli.Record("cccc3333-alone", HookEvents.SessionStart, git: new GitFacts("/src/web", "main", false));

        var text = _cli.Run("conflicts");
        var failing = _cli.Run("conflicts", "--fail");
        var json = JsonNode.Parse(_cli.Run("conflicts", "--json").Output)!.AsArray();

        text.ExitCode.ShouldBe(0);
        text.Output.ShouldContain("risk:");
        failing.ExitCode.ShouldBe(1);
        json.Count.ShouldBe(1);
        json[0]!["project_root"]!.GetValue<string>().ShouldBe("/src/api");
        json[0]!["sessions"]!.AsArray().Count.ShouldBe(2);
        json[0]!["risk"]!.GetValue<string>().ShouldContain("branch 'main'");
    }

    [Fact]
    public void No_conflicts_exits_0_even_with_fail()
    {
        _cli.Record("aaaa1111-one", HookEvents.SessionStart);

        _cli.Run("conflicts", "--fail").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Prune_moves_sessions_whose_process_is_gone_to_history_once()
    {
        _cli.Record("aaaa1111-live", HookEvents.SessionStart);
        _cli.Record("bbbb2222-gone", HookEvents.Stop);
        _cli.GoneSessions.Add("bbbb2222-gone");

        var preview = _cli.Run("prune", "--dry-run");
        var stillOpen = JsonNode.Parse(_cli.Run("history", "--json").Output)!.AsArray().Count;
        var pruned = _cli.Run("prune");
        var again = _cli.Run("cleanup", "--json");
        var history = JsonNode.Parse(_cli.Run("history", "--json").Output)!.AsArray();

        preview.Output.ShouldContain("Would move 1 session(s)");
        stillOpen.ShouldBe(0);
        pruned.Output.ShouldContain("Moved 1 session(s)");
        pruned.Output.ShouldContain("bbbb2222");
        JsonNode.Parse(again.Output)!.AsArray().Count.ShouldBe(0);
        history.Single()!["end_reason"]!.GetValue<string>().ShouldBe("pruned");
    }

    [Fact]
    public void History_shows_ended_sessions_of_a_day_and_none_of_another()
    {
        _cli.Record("aaaa1111-done", HookEvents.SessionStart);
        var ended = _cli.Record("aaaa1111-done", HookEvents.SessionEnd, reason: "logout").EndedAt.ShouldNotBeNull();
        var endDay = TimeZoneInfo.ConvertTime(ended, TimeProvider.System.LocalTimeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var endDays = JsonNode.Parse(_cli.Run("history", "--date", endDay, "--json").Output)!.AsArray();
        var longAgo = JsonNode.Parse(_cli.Run("history", "--date", "2001-01-01", "--json").Output)!.AsArray();
        var table = _cli.Run("history", "--days", "2").Output;

        endDays.Single()!["end_reason"]!.GetValue<string>().ShouldBe("logout");
        longAgo.Count.ShouldBe(0);
        table.ShouldContain(endDay);
        table.ShouldContain("logout");
    }

    [Theory]
    [InlineData("history", "--date", "2026-13-45")]
    [InlineData("history", "--date", "yesterday")]
    [InlineData("history", "--days", "0")]
    [InlineData("history", "--days", "3", "--date", "2026-11-21")]
    [InlineData("ls", "--no-such-option")]
    [InlineData("no-such-command")]
    [InlineData("hooks", "install", "--scope", "galaxy")]
    public void Bad_input_is_a_one_line_error_with_exit_code_2(params string[] args)
    {
        var result = _cli.Run(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("baton: ");
        result.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
    }

    public void Dispose() => _cli.Dispose();
}
