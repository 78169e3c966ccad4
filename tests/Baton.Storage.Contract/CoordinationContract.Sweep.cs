using Baton.Core.Coordination;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    private const string Cleo = "c1e0c1e0-9999-4abc-8def-0123456789ab";

    [Fact]
    public void The_sweep_releases_the_work_of_ended_gone_and_silent_sessions_only_and_once()
    {
        PutSession(Ada);
        PutSession(Bob, endedAt: T0);
        PutSession(Cleo);
        Coordinator.AcquireLock("file:src/a.cs", TimeSpan.FromHours(2), Ada);
        Coordinator.AcquireLock("file:src/b.cs", TimeSpan.FromHours(2), Bob);
        Coordinator.AcquireLock("file:src/c.cs", TimeSpan.FromHours(2), Cleo);
        Coordinator.AcquireLock("release-train", TimeSpan.FromHours(2), Human);
        Coordinator.Enqueue("jobs", "{\"n\": 1}", Human);
        Coordinator.ClaimNext("jobs", Bob, TimeSpan.FromHours(1)).ShouldNotBeNull();
        var liveness = new FakeLiveness();
        liveness.Gone.Add(Cleo);
        Clock.Now += TimeSpan.FromMinutes(10);
        ((IStore)Store).UpdateSession(Ada, s => new SessionChange(s! with { UpdatedAt = Clock.GetUtcNow() }, "session.heartbeat", Ada, null));
        var sweep = new AbandonedWorkSweep((IBatonStore)Store, liveness, Clock, TimeSpan.FromMinutes(5));

        var journalBefore = ((IStore)Store).LastSequence();
        var preview = sweep.Preview();
        ((IStore)Store).LastSequence().ShouldBe(journalBefore, "a preview changes nothing");
        var released = sweep.Run(Human);
        var again = sweep.Run(Human);

        preview.SelectMany(w => w.Locks).Select(l => l.Resource).ShouldBe(released.SelectMany(w => w.Locks).Select(l => l.Resource));
        preview.SelectMany(w => w.Items).Select(i => i.Id).ShouldBe(released.SelectMany(w => w.Items).Select(i => i.Id));
        sweep.Preview().ShouldBeEmpty();

        released.SelectMany(w => w.Locks).Select(l => l.Resource).Order().ShouldBe(["file:src/b.cs", "file:src/c.cs"]);
        released.SelectMany(w => w.Items).Count().ShouldBe(1);
        again.ShouldBeEmpty();
        Store.ListLocks(null).Select(l => l.Resource).Order().ShouldBe(["file:src/a.cs", "release-train"]);
        Coordinator.ClaimNext("jobs", Ada).ShouldNotBeNull("the ended session's item went back to the queue");
    }

    [Fact]
    public void A_session_silent_past_the_heartbeat_limit_loses_its_work()
    {
        PutSession(Ada);
        Coordinator.AcquireLock("deploy", TimeSpan.FromHours(2), Ada);
        Clock.Now += TimeSpan.FromMinutes(31);

        var released = new AbandonedWorkSweep((IBatonStore)Store, new FakeLiveness(), Clock, AbandonedWorkSweep.DefaultHeartbeatLimit).Run(Human);

        released.Single().Locks.Single().Resource.ShouldBe("deploy");
    }
}
