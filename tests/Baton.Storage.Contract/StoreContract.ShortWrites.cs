using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

// Issue 16, short writes: no write transaction is held while the machine is looked at (is this claude still running?).
// The registry decides on the row as read, then writes only if the row is unchanged (SessionRegistry.ChangeAsRead).
public abstract partial class StoreContract
{
    [Fact]
    public void Prune_restore_and_a_session_end_look_at_processes_outside_the_write_transaction()
    {
        var registry = ShortWritesRegistry(out var liveness);
        Put(Minimal("gone") with { Status = SessionStatus.Running, Pid = 2 });
        Put(Minimal("lost") with { Status = SessionStatus.WaitingInput, Cwd = "/src/api", Host = ThisProcess.HostName });
        Put(Minimal("ending") with { Status = SessionStatus.Running, Pid = 3, Host = "elsewhere", ProcessStart = 9 });
        liveness.Gone.UnionWith(["gone", "lost"]);

        registry.Prune(dryRun: false, SessionRegistry.HumanActor).Select(s => s.SessionId).ShouldBe(["gone", "lost"], ignoreOrder: true);
        Put(Minimal("lost2") with { Status = SessionStatus.WaitingInput, Cwd = "/src/api", Host = ThisProcess.HostName });
        liveness.Gone.Add("lost2");
        registry.ClaimRestore("lost2", SessionRegistry.HumanActor).ShouldNotBeNull();
        registry.Record(new HookObservation { SessionId = "ending", EventName = HookEvents.SessionEnd, Order = 99, At = T0 }, out _)
            .IsEnded.ShouldBeFalse("a SessionEnd from another process than the session's running claude is refused");

        liveness.Calls.ShouldBeGreaterThanOrEqualTo(5);
        liveness.CallsInTransaction.ShouldBe(0);
    }

    [Fact]
    public void A_session_that_changes_between_its_look_and_the_write_is_judged_again()
    {
        var registry = ShortWritesRegistry(out var liveness);
        Put(Minimal("back") with { Status = SessionStatus.Running, Pid = 2 });
        liveness.Gone.Add("back");
        var other = SecondConnection();
        var looks = 0;
        liveness.OnCall = session =>
        {
            // Judged gone on the second look, the one prune writes on, the session's claude answers a hook right after it;
            // the third look, on the changed row, finds it running.
            switch (++looks)
            {
                case 2:
                    Put(session with { LastEvent = HookEvents.PostToolUse, UpdatedAt = T0.AddSeconds(1) }, store: other);
                    break;
                case 3:
                    liveness.Gone.Remove("back");
                    break;
            }
        };

        registry.Prune(dryRun: false, SessionRegistry.HumanActor).ShouldBeEmpty();

        looks.ShouldBe(3);
        Store.GetSession("back")!.IsEnded.ShouldBeFalse();
        Journal().ShouldNotContain(e => e.Type == JournalTypes.SessionPruned);
    }

    private SessionRegistry ShortWritesRegistry(out FakeLiveness liveness)
    {
        liveness = new FakeLiveness();
        return new SessionRegistry(Store, liveness, new ManualClock(T0.AddHours(1)));
    }
}
