using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    private const string LaunchId = "launch-7d1e2f30";
    private const string ClaudeSessionId = "0b5e55ed-aaaa-4bbb-8ccc-0123456789ab";

    [Fact]
    public void A_launched_session_exists_as_starting_before_claude_names_it()
    {
        var registry = Registry(out _, out _);

        var launched = registry.Launch(new LaunchRequest(LaunchId, "api", "add the endpoint", "/src/api", new GitFacts("/src/api", "main", false), "human"));

        launched.Status.ShouldBe(SessionStatus.Starting);
        Store.GetSession(LaunchId).ShouldNotBeNull().Name.ShouldBe("api");
        registry.Resolve("api").SessionId.ShouldBe(LaunchId);
        Journal().Single().Type.ShouldBe(JournalTypes.SessionLaunched);
    }

    [Fact]
    public void Session_start_binds_claudes_session_id_to_the_launched_row()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest(LaunchId, "api", "add the endpoint", "/src/api", null, "human"));

        registry.Record(Launched(HookEvents.SessionStart, 1_000));

        Store.GetSession(LaunchId).ShouldBeNull();
        var bound = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        bound.Name.ShouldBe("api");
        bound.Task.ShouldBe("add the endpoint");
        bound.LaunchId.ShouldBe(LaunchId);
        bound.Status.ShouldBe(SessionStatus.WaitingInput);
        bound.TmuxPane.ShouldBe("%7");
        registry.Resolve("api").SessionId.ShouldBe(ClaudeSessionId);
        var binding = JsonNode.Parse(Journal().Last().Data!)!;
        ((string?)binding["from"]).ShouldBe("starting");
        ((string?)binding["to"]).ShouldBe("waiting_input");
        ((string?)binding["replaces"]).ShouldBe(LaunchId);
    }

    [Fact]
    public void A_prompt_hook_that_ran_before_session_start_is_merged_with_the_launched_row()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest(LaunchId, "api", "add the endpoint", "/src/api", null, "human"));

        registry.Record(Launched(HookEvents.UserPromptSubmit, 1_001));
        registry.Record(Launched(HookEvents.SessionStart, 1_000));

        Store.GetSession(LaunchId).ShouldBeNull();
        Store.ListSessions(SessionFilter.All).Count.ShouldBe(1);
        var bound = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        bound.Name.ShouldBe("api");
        bound.LastEvent.ShouldBe(HookEvents.UserPromptSubmit);
    }

    [Fact]
    public void A_launch_that_resumes_an_ended_conversation_takes_its_row_with_the_launchs_name_and_keeps_the_earlier_run()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest("launch-old", "holder", null, "/src/api", null, "human"));
        registry.Record(Launched(HookEvents.SessionStart, 1_000) with { LaunchId = "launch-old" });
        registry.MarkKilled(Store.GetSession(ClaudeSessionId)!, force: false, "human");
        registry.Launch(new LaunchRequest(LaunchId, "second", "carry on", "/src/api", null, "human"));

        registry.Record(Launched(HookEvents.SessionStart, 5_000));

        Store.GetSession(LaunchId).ShouldBeNull();
        var resumed = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        resumed.Name.ShouldBe("second");
        resumed.Task.ShouldBe("carry on");
        resumed.IsEnded.ShouldBeFalse();
        resumed.Status.ShouldBe(SessionStatus.WaitingInput);
        registry.Resolve("second").SessionId.ShouldBe(ClaudeSessionId);
        var earlier = registry.History(T0.AddDays(-1), T0.AddYears(10)).ShouldHaveSingleItem();
        earlier.SessionId.ShouldStartWith(ClaudeSessionId + "~");
        earlier.Name.ShouldBe("holder");
        earlier.EndReason.ShouldBe("killed");
        registry.Resolve(ClaudeSessionId[..8]).SessionId.ShouldBe(ClaudeSessionId, "a prefix means the conversation's latest run");
        ((string?)JsonNode.Parse(Journal().Last().Data!)!["earlier_run"]).ShouldBe(earlier.SessionId);
    }

    [Fact]
    public void A_conversation_resumed_outside_baton_keeps_its_earlier_run_in_history()
    {
        var registry = Registry(out _, out _);
        registry.Record(Launched(HookEvents.SessionStart, 1_000) with { LaunchId = null });
        registry.Record(Launched(HookEvents.SessionEnd, 2_000) with { LaunchId = null, Reason = "prompt_input_exit" });

        registry.Record(Launched(HookEvents.SessionStart, 5_000) with { LaunchId = null });

        Store.GetSession(ClaudeSessionId).ShouldNotBeNull().IsEnded.ShouldBeFalse();
        registry.History(T0.AddDays(-1), T0.AddYears(10)).ShouldHaveSingleItem().EndReason.ShouldBe("prompt_input_exit");
    }

    [Fact]
    public void A_new_conversation_in_a_launched_session_inherits_its_task_and_pane()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest(LaunchId, "api", "add the endpoint", "/src/api", null, "human"));
        registry.Record(Launched(HookEvents.SessionStart, 1_000));
        registry.Record(Launched(HookEvents.SessionEnd, 2_000) with { Reason = "clear" });

        registry.Record(Launched(HookEvents.SessionStart, 3_000) with { SessionId = "c1ea4ed0-0000-4000-8000-000000000000" });

        var next = Store.GetSession("c1ea4ed0-0000-4000-8000-000000000000").ShouldNotBeNull();
        next.Name.ShouldBe("api");
        next.Task.ShouldBe("add the endpoint");
        next.TmuxPane.ShouldBe("%7");
        Store.GetSession(ClaudeSessionId).ShouldNotBeNull().EndReason.ShouldBe("clear");
    }

    [Fact]
    public void Names_are_unique_among_open_sessions_and_generated_ones_count_up()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest("launch-1", "api", null, "/src/api", null, "human"));

        var taken = Should.Throw<UserErrorException>(() => registry.Launch(new LaunchRequest("launch-2", "api", null, "/src/api", null, "human")));
        var first = registry.Launch(new LaunchRequest("launch-3", null, null, "/src/web", null, "human"));
        var second = registry.Launch(new LaunchRequest("launch-4", null, null, "/src/web", null, "human"));

        taken.Message.ShouldContain("'api' is taken");
        Store.GetSession("launch-2").ShouldBeNull();
        first.Name.ShouldBe("web-1");
        second.Name.ShouldBe("web-2");
    }

    [Fact]
    public void A_name_is_freed_when_its_session_ends()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest("launch-1", "api", null, "/src/api", null, "human"));
        registry.MarkKilled(Store.GetSession("launch-1")!, force: false, "human");

        var again = registry.Launch(new LaunchRequest("launch-2", "api", null, "/src/api", null, "human"));

        again.Name.ShouldBe("api");
        registry.Resolve("api").SessionId.ShouldBe("launch-2");
    }

    [Fact]
    public void Rename_refuses_a_taken_or_invalid_name_and_journals_a_rename()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest("launch-1", "api", null, "/src/api", null, "human"));
        registry.Launch(new LaunchRequest("launch-2", "web", null, "/src/web", null, "human"));

        Should.Throw<UserErrorException>(() => registry.Rename("launch-2", "api", "human")).Message.ShouldContain("taken");
        Should.Throw<UserErrorException>(() => registry.Rename("launch-2", "no spaces", "human"));
        registry.Rename("launch-2", "frontend", "human").Name.ShouldBe("frontend");

        Journal().Last().Type.ShouldBe(JournalTypes.SessionRenamed);
        Store.GetSession("launch-1").ShouldNotBeNull().Name.ShouldBe("api");
    }

    [Fact]
    public void A_killed_session_goes_to_history_as_killed_and_a_late_hook_does_not_reopen_it()
    {
        var registry = Registry(out _, out _);
        registry.Launch(new LaunchRequest(LaunchId, "api", null, "/src/api", null, "human"));
        registry.Record(Launched(HookEvents.SessionStart, 1_000));

        registry.MarkKilled(Store.GetSession(ClaudeSessionId)!, force: true, "human");
        registry.Record(Launched(HookEvents.PostToolUse, 900) with { LaunchId = null, ToolName = "Bash" });

        var killed = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        killed.EndReason.ShouldBe("killed");
        killed.Status.ShouldBe(SessionStatus.Exited);
        killed.IsEnded.ShouldBeTrue();
    }

    [Fact]
    public void A_session_killed_while_starting_but_bound_meanwhile_is_killed_under_claudes_id()
    {
        var registry = Registry(out _, out _);
        var starting = registry.Launch(new LaunchRequest(LaunchId, "api", null, "/src/api", null, "human"));
        registry.Record(Launched(HookEvents.SessionStart, 1_000));

        var killed = registry.MarkKilled(starting, force: false, "human");

        killed.SessionId.ShouldBe(ClaudeSessionId);
        killed.EndReason.ShouldBe("killed");
        registry.Resolve(LaunchId).SessionId.ShouldBe(ClaudeSessionId, "a launch id resolves to the session it became");
    }

    [Fact]
    public void A_session_start_that_arrives_after_a_kill_while_starting_keeps_the_session_killed()
    {
        var registry = Registry(out _, out _);
        var starting = registry.Launch(new LaunchRequest(LaunchId, "api", null, "/src/api", null, "human"));
        registry.MarkKilled(starting, force: false, "human");

        registry.Record(Launched(HookEvents.SessionStart, 1_000));

        Store.GetSession(LaunchId).ShouldBeNull();
        var killed = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        killed.EndReason.ShouldBe("killed");
        killed.IsEnded.ShouldBeTrue();
        killed.Name.ShouldBe("api");
    }

    private static HookObservation Launched(string eventName, long hookStart) => new()
    {
        SessionId = ClaudeSessionId,
        EventName = eventName,
        Order = HookEventOrder.Compose(hookStart, eventName),
        Cwd = "/src/api",
        LaunchId = LaunchId,
        TmuxSocket = "/tmp/tmux-0/default",
        TmuxPane = "%7",
        At = T0.AddMilliseconds(hookStart),
    };
}
