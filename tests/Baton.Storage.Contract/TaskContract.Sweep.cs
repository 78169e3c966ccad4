using Baton.Core.Coordination;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    private const string Cleo = "c1e0c1e0-9999-4abc-8def-0123456789ab";

    [Fact]
    public void The_sweep_returns_the_tasks_of_ended_gone_and_silent_owners_to_pending_and_leaves_live_owners_alone()
    {
        PutSession(Ada);
        PutSession(Bob, endedAt: T0);
        PutSession(Cleo);
        var adas = Add("adas");
        var bobs = Add("bobs");
        var cleos = Add("cleos");
        var humans = Add("humans");
        Board.Start(Plan, adas.Id, Ada);
        Board.Start(Plan, bobs.Id, Bob);
        Board.Claim(Plan, cleos.Id, null, Cleo);
        Board.Claim(Plan, humans.Id, null, Human);
        var liveness = new FakeLiveness();
        liveness.Gone.Add(Cleo);
        var sweep = new AbandonedWorkSweep((IBatonStore)Store, liveness, Clock, AbandonedWorkSweep.DefaultHeartbeatLimit);

        var preview = NoEntryResult(sweep.Preview);
        var released = sweep.Run(Human);

        preview.SelectMany(w => w.Tasks).Select(t => t.Id).ShouldBe([bobs.Id, cleos.Id]);
        released.SelectMany(w => w.Tasks).Select(t => t.Id).ShouldBe([bobs.Id, cleos.Id]);
        Board.List(Plan, new TaskFilter(ReadyOnly: true)).Select(t => t.Id).ShouldBe([bobs.Id, cleos.Id]);
        Board.Get(Plan, adas.Id).Owner.ShouldBe(Ada);
        Board.Get(Plan, humans.Id).Owner.ShouldBe(Human);
        sweep.Run(Human).ShouldBeEmpty();

        Clock.Now += AbandonedWorkSweep.DefaultHeartbeatLimit + TimeSpan.FromSeconds(1);
        sweep.Run(Human).ShouldHaveSingleItem().Tasks.ShouldHaveSingleItem().Id.ShouldBe(adas.Id, "a silent owner loses its task");
    }

    [Fact]
    public void Releasing_one_gone_session_returns_its_locks_and_its_tasks_together()
    {
        var task = Add("a");
        Board.Start(Plan, task.Id, Ada);
        var store = (IBatonStore)Store;
        new Coordinator(store, Clock).AcquireLock("deploy", TimeSpan.FromHours(1), Ada);

        var released = AbandonedWorkSweep.Release(store, Clock, Ada, Ada);

        released.Locks.ShouldHaveSingleItem().Resource.ShouldBe("deploy");
        released.Tasks.ShouldHaveSingleItem().Id.ShouldBe(task.Id);
        Board.Get(Plan, task.Id).IsReady.ShouldBeTrue();
        AbandonedWorkSweep.Release(store, Clock, Ada, Ada).IsEmpty.ShouldBeTrue();
    }

    private T NoEntryResult<T>(Func<T> read)
    {
        T result = default!;
        NoEntry(() => result = read());
        return result;
    }
}
