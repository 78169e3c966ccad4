using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    [Fact]
    public void The_ready_set_holds_pending_unowned_tasks_whose_blockers_are_all_completed_best_first()
    {
        var a = Add("a");
        var b = Add("b", blockedBy: a.Id);
        var c = Add("c", priority: 5);
        var d = Add("d", blockedBy: [a.Id, c.Id]);
        var e = Add("e");
        Board.Claim(Plan, e.Id, null, Bob);

        IReadOnlyList<TaskItem> ready = [];
        NoEntry(() => ready = Board.List(Plan, new TaskFilter(ReadyOnly: true)));
        Board.Claim(Plan, a.Id, null, Ada);
        Board.Complete(Plan, a.Id, "done", Ada);
        var afterA = Board.List(Plan, new TaskFilter(ReadyOnly: true)).Select(t => t.Id).ToList();

        ready.Select(t => t.Id).ShouldBe([c.Id, a.Id]);
        afterA.ShouldBe([c.Id, b.Id]);
        Board.Get(Plan, d.Id).OpenBlockers.ShouldBe([c.Id]);
        Board.Get(Plan, d.Id).BlockedBy.ShouldBe([a.Id, c.Id]);
        Board.Get(Plan, a.Id).Result.ShouldBe("done");
    }

    [Fact]
    public void Claim_next_takes_the_highest_priority_then_the_oldest_and_a_role_narrows_it()
    {
        var low = Add("low", priority: -1);
        var first = Add("first");
        var urgent = Add("urgent", priority: 9);
        var tester = Add("tester", priority: 50, role: "tester");
        var second = Add("second");

        var testerClaim = Board.Claim(Plan, null, "tester", Bob)!;
        NoEntry(() => Board.Claim(Plan, null, "tester", Bob).ShouldBeNull());
        var order = Enumerable.Range(0, 4).Select(_ => Board.Claim(Plan, null, null, Ada)!.Id).ToList();

        testerClaim.Id.ShouldBe(tester.Id);
        testerClaim.Owner.ShouldBe(Bob);
        testerClaim.Status.ShouldBe(TaskItemStatus.Pending);
        order.ShouldBe([urgent.Id, first.Id, second.Id, low.Id]);
        NoEntry(() => Board.Claim(Plan, null, null, Ada).ShouldBeNull());
    }

    [Fact]
    public void A_claim_appends_one_entry_and_a_lost_claim_names_the_owner_and_writes_nothing()
    {
        var task = Add("a");
        Clock.Now = T0.AddSeconds(3);

        TaskItem claimed = null!;
        var entry = OneEntry(() => claimed = Board.Claim(Plan, task.Id, null, Ada)!);
        var lost = RefusedWithoutWriting<TaskConflictException>(() => Board.Claim(Plan, task.Id, null, Bob));

        claimed.Owner.ShouldBe(Ada);
        claimed.UpdatedAt.ShouldBe(T0.AddSeconds(3));
        entry.Type.ShouldBe(TaskJournalTypes.Claimed);
        entry.Actor.ShouldBe(Ada);
        lost.Message.ShouldContain($"owned by {Ada}");
        lost.Current.Owner.ShouldBe(Ada);
        NoEntry(() => Board.Claim(Plan, task.Id, null, Ada)!.Owner.ShouldBe(Ada));
    }

    [Fact]
    public void A_claim_of_a_blocked_task_names_the_open_blocker_and_of_a_completed_task_its_status()
    {
        var blocker = Add("design the schema");
        var task = Add("write the migration", blockedBy: blocker.Id);
        Board.Claim(Plan, blocker.Id, null, Bob);

        var blocked = RefusedWithoutWriting<TaskConflictException>(() => Board.Claim(Plan, task.Id, null, Ada));
        Board.Complete(Plan, blocker.Id, null, Bob);
        var finished = RefusedWithoutWriting<TaskConflictException>(() => Board.Claim(Plan, blocker.Id, null, Ada));

        blocked.Message.ShouldContain("blocked by #1 'design the schema' (pending, owned by " + Bob + ")");
        finished.Message.ShouldContain("it is completed");
    }

    [Fact]
    public void Two_connections_claiming_the_same_task_have_exactly_one_winner_who_is_named_to_the_loser()
    {
        var task = Add("a");
        var second = new TaskBoard(SecondConnection());

        var won = Board.Claim(Plan, task.Id, null, Ada);
        var lost = Should.Throw<TaskConflictException>(() => second.Claim(Plan, task.Id, null, Bob));

        won!.Owner.ShouldBe(Ada);
        lost.Message.ShouldContain(Ada);
        second.Claim(Plan, null, null, Bob).ShouldBeNull();
    }
}
