using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    private const string SessionId = "5c0ffee0-1234-4abc-8def-0123456789ab";

    [Fact]
    public void Recording_a_turn_journals_each_status_change_in_order_and_activity_otherwise()
    {
        var registry = Registry(out _, out _);
        var hookStart = 174_193_600_000L;
        var events = new (string Event, string? Tool)[]
        {
            (HookEvents.SessionStart, null),
            (HookEvents.UserPromptSubmit, null),
            (HookEvents.PreToolUse, "Bash"),
            (HookEvents.PermissionRequest, "Bash"),
            (HookEvents.PostToolUse, "Bash"),
            (HookEvents.Stop, null),
        };

        for (var i = 0; i < events.Length; i++)
        {
            registry.Record(Observation(events[i].Event, events[i].Tool, HookEventOrder.Compose(hookStart + (i * 100), events[i].Event), T0.AddSeconds(i)));
        }

        var journal = Journal();
        journal.Count.ShouldBe(6);
        journal.ShouldAllBe(e => e.Subject == "session:" + SessionId && e.Actor == SessionId);
        journal.Select(e => e.Type).ShouldBe(
        [
            JournalTypes.SessionStatus, JournalTypes.SessionStatus, JournalTypes.SessionActivity,
            JournalTypes.SessionStatus, JournalTypes.SessionStatus, JournalTypes.SessionStatus,
        ]);
        var statuses = journal.Where(e => e.Type == JournalTypes.SessionStatus).Select(e => JsonNode.Parse(e.Data!)!).ToList();
        statuses.Select(d => (string?)d["to"]).ShouldBe(["waiting_input", "running", "waiting_permission", "running", "waiting_input"]);
        statuses.Select(d => (string?)d["from"]).ShouldBe([null, "waiting_input", "running", "waiting_permission", "running"]);
        statuses.Select(d => (string?)d["event"]).ShouldBe([HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.PermissionRequest, HookEvents.PostToolUse, HookEvents.Stop]);
        var activity = journal.Where(e => e.Type == JournalTypes.SessionActivity).Select(e => JsonNode.Parse(e.Data!)!).ToList();
        activity.Select(d => (string?)d["event"]).ShouldBe([HookEvents.PreToolUse]);
        activity.Select(d => (string?)d["status"]).ShouldBe(["running"]);
        ((string?)activity[0]["tool"]).ShouldBe("Bash");

        var session = Store.GetSession(SessionId).ShouldNotBeNull();
        session.Status.ShouldBe(SessionStatus.WaitingInput);
        session.LastEvent.ShouldBe(HookEvents.Stop);
        session.LastTool.ShouldBe("Bash");
        session.Cwd.ShouldBe("/home/ada/src/baton");
        session.Project.ShouldBe("baton");
        session.Branch.ShouldBe("main");
        session.Dirty.ShouldBe(false);
        session.Pid.ShouldBe(4242);
        session.Model.ShouldBe("claude-sonnet-4-5");
        session.StartedAt.ShouldBe(T0);
        session.UpdatedAt.ShouldBe(T0.AddSeconds(5));
        session.EventOrder.ShouldBe(HookEventOrder.Compose(hookStart + 500, HookEvents.Stop));
    }

    [Fact]
    public void A_late_hook_event_is_journaled_as_activity_and_does_not_change_the_status()
    {
        var registry = Registry(out _, out _);
        registry.Record(Observation(HookEvents.Stop, null, HookEventOrder.Compose(2_000, HookEvents.Stop), T0));

        registry.Record(Observation(HookEvents.PreToolUse, "Bash", HookEventOrder.Compose(1_000, HookEvents.PreToolUse), T0.AddSeconds(1)));

        Store.GetSession(SessionId).ShouldNotBeNull().Status.ShouldBe(SessionStatus.WaitingInput);
        Journal().Select(e => e.Type).ShouldBe([JournalTypes.SessionStatus, JournalTypes.SessionActivity]);
    }

    [Fact]
    public void Prune_moves_only_sessions_judged_gone_and_is_idempotent()
    {
        var registry = Registry(out var liveness, out var clock);
        Put(Minimal("alive", T0) with { Status = SessionStatus.Running, Pid = 1 });
        Put(Minimal("gone", T0.AddMinutes(1)) with { Status = SessionStatus.WaitingInput, Pid = 2 });
        var ended = Minimal("ended", T0.AddMinutes(2)) with { Status = SessionStatus.Exited, EndedAt = T0.AddMinutes(3), EndReason = "logout" };
        Put(ended);
        liveness.Gone.UnionWith(["gone", "ended"]);
        var entriesBefore = Journal().Count;
        clock.Now = T0.AddHours(1);

        var moved = registry.Prune(dryRun: false, actor: SessionRegistry.HumanActor);

        moved.ShouldHaveSingleItem().SessionId.ShouldBe("gone");
        moved[0].IsEnded.ShouldBeFalse();
        var pruned = Store.GetSession("gone").ShouldNotBeNull();
        pruned.Status.ShouldBe(SessionStatus.Exited);
        pruned.EndedAt.ShouldBe(T0.AddHours(1));
        pruned.EndReason.ShouldBe(SessionRegistry.PrunedReason);
        Store.GetSession("alive").ShouldNotBeNull().IsEnded.ShouldBeFalse();
        Store.GetSession("ended").ShouldBe(ended);
        var entry = Journal().Skip(entriesBefore).ShouldHaveSingleItem();
        entry.Type.ShouldBe(JournalTypes.SessionPruned);
        entry.Subject.ShouldBe("session:gone");
        entry.Actor.ShouldBe(SessionRegistry.HumanActor);
        ((string?)JsonNode.Parse(entry.Data!)!["from"]).ShouldBe("waiting_input");

        registry.Prune(dryRun: false, actor: SessionRegistry.HumanActor).ShouldBeEmpty();
        Journal().Count.ShouldBe(entriesBefore + 1);
        Store.GetSession("gone").ShouldBe(pruned);
    }

    [Fact]
    public void EndExited_ends_only_an_open_session_whose_claude_is_gone_as_exited_once()
    {
        var registry = Registry(out var liveness, out var clock);
        Put(Minimal("alive", T0) with { Status = SessionStatus.Running, Pid = 1 });
        Put(Minimal("gone", T0.AddMinutes(1)) with { Status = SessionStatus.WaitingInput, Pid = 2, ActiveSubagents = 1 });
        var ended = Minimal("ended", T0.AddMinutes(2)) with { Status = SessionStatus.Exited, EndedAt = T0.AddMinutes(3), EndReason = "other" };
        Put(ended);
        liveness.Gone.UnionWith(["gone", "ended"]);
        var entriesBefore = Journal().Count;
        clock.Now = T0.AddHours(1);

        registry.EndExited("alive", "serve").ShouldBeFalse("its claude still runs");
        registry.EndExited("ended", "serve").ShouldBeFalse("its SessionEnd came");
        registry.EndExited("missing", "serve").ShouldBeFalse();
        registry.EndExited("gone", "serve").ShouldBeTrue();
        registry.EndExited("gone", "serve").ShouldBeFalse("ended already");

        var exited = Store.GetSession("gone").ShouldNotBeNull();
        exited.Status.ShouldBe(SessionStatus.Exited);
        exited.EndedAt.ShouldBe(T0.AddHours(1));
        exited.EndReason.ShouldBe(SessionRegistry.ExitedReason);
        exited.ActiveSubagents.ShouldBe(0);
        Store.GetSession("alive").ShouldNotBeNull().IsEnded.ShouldBeFalse();
        Store.GetSession("ended").ShouldBe(ended);
        var entry = Journal().Skip(entriesBefore).ShouldHaveSingleItem();
        entry.Type.ShouldBe(JournalTypes.SessionStatus);
        entry.Actor.ShouldBe("serve");
        var data = JsonNode.Parse(entry.Data!)!;
        ((string?)data["from"]).ShouldBe("waiting_input");
        ((string?)data["to"]).ShouldBe("exited");
        ((string?)data["reason"]).ShouldBe(SessionRegistry.ExitedReason);
    }

    [Fact]
    public void Prune_as_a_dry_run_reports_but_writes_nothing()
    {
        var registry = Registry(out var liveness, out _);
        var gone = Minimal("gone") with { Status = SessionStatus.Running };
        Put(gone);
        liveness.Gone.Add("gone");

        registry.Prune(dryRun: true, actor: SessionRegistry.HumanActor).ShouldHaveSingleItem().SessionId.ShouldBe("gone");

        Store.GetSession("gone").ShouldBe(gone);
        Journal().Count.ShouldBe(1);
    }

    [Fact]
    public void Set_task_journals_session_task_and_clearing_it_does_too()
    {
        var registry = Registry(out _, out var clock);
        Put(Minimal(SessionId));
        clock.Now = T0.AddMinutes(7);

        var stored = registry.SetTask(SessionId, "  Review the auth module  ", SessionRegistry.HumanActor);
        registry.SetTask(SessionId, null, SessionId);

        stored.Task.ShouldBe("Review the auth module");
        stored.UpdatedAt.ShouldBe(T0.AddMinutes(7));
        Store.GetSession(SessionId).ShouldNotBeNull().Task.ShouldBeNull();
        var entries = Journal().Skip(1).ToList();
        entries.Select(e => e.Type).ShouldBe([JournalTypes.SessionTask, JournalTypes.SessionTask]);
        entries.Select(e => e.Actor).ShouldBe([SessionRegistry.HumanActor, SessionId]);
        entries.ShouldAllBe(e => e.Subject == "session:" + SessionId);
        ((string?)JsonNode.Parse(entries[0].Data!)!["task"]).ShouldBe("  Review the auth module  ");
        JsonNode.Parse(entries[1].Data!)!["task"].ShouldBeNull();
    }

    [Fact]
    public void Set_task_on_an_unknown_session_fails_and_writes_nothing()
    {
        var registry = Registry(out _, out _);

        Should.Throw<UserErrorException>(() => registry.SetTask("nobody", "x", SessionRegistry.HumanActor));

        Store.GetSession("nobody").ShouldBeNull();
        Journal().ShouldBeEmpty();
    }

    [Fact]
    public void Resolve_finds_a_session_by_unique_id_prefix_or_name()
    {
        var registry = Registry(out _, out _);
        Put(Minimal("7f3a9c21-0000", T0) with { Name = "builder" });
        Put(Minimal("7f3b0000-0000", T0.AddMinutes(1)));

        registry.Resolve("7f3a").SessionId.ShouldBe("7f3a9c21-0000");
        registry.Resolve("builder").SessionId.ShouldBe("7f3a9c21-0000");
        Should.Throw<UserErrorException>(() => registry.Resolve("7f3"));
        Should.Throw<UserErrorException>(() => registry.Resolve("7f3%"));
    }

    private SessionRegistry Registry(out FakeLiveness liveness, out ManualClock clock)
    {
        liveness = new FakeLiveness();
        clock = new ManualClock(T0);
        return new SessionRegistry(Store, liveness, clock);
    }

    private static HookObservation Observation(string eventName, string? tool, long order, DateTimeOffset at) => new()
    {
        SessionId = SessionId,
        EventName = eventName,
        Order = order,
        ToolName = tool,
        Cwd = "/home/ada/src/baton",
        TranscriptPath = "/home/ada/.claude/projects/-home-ada-src-baton/" + SessionId + ".jsonl",
        Model = eventName == HookEvents.SessionStart ? "claude-sonnet-4-5" : null,
        Process = new ProcessIdentity("ada-laptop", 4242, 174_193_500_000L),
        Git = new GitFacts("/home/ada/src/baton", "main", false),
        At = at,
    };
}
