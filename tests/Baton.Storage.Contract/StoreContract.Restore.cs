using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void Restore_candidates_are_the_runs_lost_on_this_machine_not_those_ended_on_purpose()
    {
        var registry = Registry(out var liveness, out var clock);
        var minute = 0;
        Session Lost(string id, SessionStatus status = SessionStatus.Running, string? endReason = null, string? host = null) =>
            Minimal(id, T0.AddMinutes(minute++)) with
            {
                Status = endReason is null ? status : SessionStatus.Exited,
                EndedAt = endReason is null ? null : T0.AddHours(1),
                EndReason = endReason,
                Cwd = "/src/api",
                Host = host ?? ThisProcess.HostName,
            };
        Put(Lost("lost-open"));
        Put(Lost("lost-pruned", endReason: SessionRegistry.PrunedReason));
        Put(Lost("hung-up", endReason: SessionRegistry.SignalledReason));
        Put(Lost("alive"));
        Put(Lost("exited", endReason: "prompt_input_exit"));
        Put(Lost("killed", endReason: SessionRegistry.KilledReason));
        Put(Lost("launch-1", SessionStatus.Starting) with { LaunchId = "launch-1" });
        Put(Lost("lost-open~20250101T000000000", endReason: SessionRegistry.PrunedReason));
        Put(Lost("elsewhere", endReason: SessionRegistry.PrunedReason, host: "another-host"));
        Put(Lost("long-ago", endReason: SessionRegistry.PrunedReason) with { UpdatedAt = T0 - SessionRegistry.RestoreWindow - TimeSpan.FromMinutes(1) });
        liveness.Gone.UnionWith(["lost-open", "launch-1", "exited", "killed"]);
        clock.Now = T0.AddMinutes(1);

        registry.RestoreCandidates().Select(s => s.SessionId).ShouldBe(["lost-open", "lost-pruned", "hung-up"]);
    }

    [Fact]
    public void A_lost_run_is_claimed_once_in_one_journaled_change_and_a_failed_start_gives_the_claim_back()
    {
        var registry = Registry(out var liveness, out var clock);
        Put(Minimal("lost") with { Status = SessionStatus.WaitingInput, Cwd = "/src/api", Host = ThisProcess.HostName });
        liveness.Gone.Add("lost");
        clock.Now = T0.AddMinutes(5);
        var rival = new SessionRegistry(SecondConnection(), liveness, clock);

        var claimed = registry.ClaimRestore("lost", SessionRegistry.HumanActor).ShouldNotBeNull();

        rival.ClaimRestore("lost", SessionRegistry.HumanActor).ShouldBeNull("a run is restored once");
        claimed.IsEnded.ShouldBeTrue();
        claimed.EndReason.ShouldBe(SessionRegistry.PrunedReason);
        claimed.RestoredAt.ShouldBe(T0.AddMinutes(5));
        Store.GetSession("lost").ShouldBe(claimed with { StatusSince = claimed.UpdatedAt });
        Journal().Last().Type.ShouldBe(JournalTypes.SessionRestored);
        registry.RestoreCandidates().ShouldBeEmpty();

        registry.ReleaseRestore("lost", "tmux could not start it", SessionRegistry.HumanActor);

        Store.GetSession("lost")!.RestoredAt.ShouldBeNull();
        Journal().Last().Type.ShouldBe(JournalTypes.SessionRestoreFailed);
        registry.RestoreCandidates().ShouldHaveSingleItem().SessionId.ShouldBe("lost");
    }

    [Fact]
    public void A_restored_conversation_reopened_by_its_launch_keeps_its_task_list_and_can_be_restored_again()
    {
        var registry = Registry(out var liveness, out var clock);
        Put(Minimal(ClaudeSessionId) with
        {
            Name = "api", Task = "add the endpoint", TaskList = "api-tasks", Cwd = "/src/api", Host = ThisProcess.HostName,
            Status = SessionStatus.Exited, EndedAt = T0.AddMinutes(1), EndReason = SessionRegistry.PrunedReason,
        });
        clock.Now = T0.AddMinutes(2);
        registry.ClaimRestore(ClaudeSessionId, SessionRegistry.HumanActor).ShouldNotBeNull();

        registry.Launch(new LaunchRequest(LaunchId, "api", "add the endpoint", "/src/api", null, "human", "api-tasks"));
        registry.Record(Launched(HookEvents.SessionStart, 180_000));

        var reopened = Store.GetSession(ClaudeSessionId).ShouldNotBeNull();
        reopened.IsEnded.ShouldBeFalse();
        reopened.TaskList.ShouldBe("api-tasks");
        reopened.RestoredAt.ShouldBeNull();
        Store.ListSessions(SessionFilter.All).Where(s => s.IsEnded).ShouldHaveSingleItem().RestoredAt.ShouldBe(T0.AddMinutes(2), "the earlier run keeps its mark");
        liveness.Gone.Add(ClaudeSessionId);
        registry.RestoreCandidates().ShouldHaveSingleItem().SessionId.ShouldBe(ClaudeSessionId);
    }

}
