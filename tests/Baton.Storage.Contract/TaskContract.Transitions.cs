using System.Text.Json.Nodes;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    [Fact]
    public void Only_the_owner_starts_and_completes_a_task_and_a_forced_change_is_journaled_as_forced()
    {
        var task = Add("a");
        Board.Claim(Plan, task.Id, null, Ada);

        var notOwner = RefusedWithoutWriting<TaskConflictException>(() => Board.Start(Plan, task.Id, Bob));
        var started = OneEntry(() => Board.Start(Plan, task.Id, Ada).Status.ShouldBe(TaskItemStatus.InProgress));
        RefusedWithoutWriting<TaskConflictException>(() => Board.Complete(Plan, task.Id, null, Bob));
        var forced = OneEntry(() => Board.Complete(Plan, task.Id, "by hand", Human, force: true));

        notOwner.Message.ShouldContain($"Cannot start task #1 'a' of list 'plan' as {Bob}: it is owned by {Ada}");
        started.Type.ShouldBe(TaskJournalTypes.StatusChanged);
        JsonNode.Parse(started.Data!)!.ToJsonString().ShouldBe($$"""{"id":1,"from":"pending","to":"in_progress","owner":"{{Ada}}"}""");
        JsonNode.Parse(forced.Data!)!["forced"]!.GetValue<bool>().ShouldBeTrue();
        forced.Actor.ShouldBe(Human);
        var done = Board.Get(Plan, task.Id);
        done.Status.ShouldBe(TaskItemStatus.Completed);
        done.Owner.ShouldBe(Ada);
        done.UpdatedBy.ShouldBe(Human);
        RefusedWithoutWriting<TaskConflictException>(() => Board.Start(Plan, task.Id, Ada)).Message.ShouldContain("it is completed");
    }

    [Fact]
    public void Starting_an_unowned_ready_task_claims_it_and_starting_a_blocked_task_names_the_blocker()
    {
        var blocker = Add("blocker");
        var task = Add("task", blockedBy: blocker.Id);

        var started = Board.Start(Plan, blocker.Id, Ada);
        var refused = RefusedWithoutWriting<TaskConflictException>(() => Board.Start(Plan, task.Id, Bob));

        started.Owner.ShouldBe(Ada);
        started.Status.ShouldBe(TaskItemStatus.InProgress);
        refused.Message.ShouldContain("blocked by #1 'blocker' (in_progress, owned by " + Ada + ")");
    }

    [Fact]
    public void A_task_blocked_after_its_claim_cannot_start_until_the_new_blocker_completes()
    {
        var task = Add("task");
        var later = Add("found later");
        Board.Claim(Plan, task.Id, null, Ada);
        Board.Block(Plan, task.Id, "2", Human);

        RefusedWithoutWriting<TaskConflictException>(() => Board.Start(Plan, task.Id, Ada)).Message.ShouldContain("blocked by #2");
        Board.Start(Plan, later.Id, Bob);
        Board.Complete(Plan, later.Id, null, Bob);

        Board.Start(Plan, task.Id, Ada).Status.ShouldBe(TaskItemStatus.InProgress);
    }

    [Fact]
    public void Cancelling_an_unowned_task_needs_no_owner_and_a_cancelled_blocker_still_blocks()
    {
        var blocker = Add("blocker");
        var task = Add("task", blockedBy: blocker.Id);

        var cancelled = Board.Cancel(Plan, blocker.Id, Bob);

        cancelled.Status.ShouldBe(TaskItemStatus.Cancelled);
        cancelled.Owner.ShouldBeNull();
        Board.Get(Plan, task.Id).IsReady.ShouldBeFalse();
    }

    [Fact]
    public void Release_gives_an_owned_task_back_only_its_owner_or_with_force()
    {
        var task = Add("a");
        Board.Start(Plan, task.Id, Ada);

        RefusedWithoutWriting<TaskConflictException>(() => Board.Release(Plan, task.Id, Bob)).Message.ShouldContain($"owned by {Ada}");
        var released = OneEntry(() => Board.Release(Plan, task.Id, Ada));
        RefusedWithoutWriting<TaskConflictException>(() => Board.Release(Plan, task.Id, Ada)).Message.ShouldContain("nobody owns it");
        Board.Claim(Plan, task.Id, null, Bob);
        var forced = OneEntry(() => Board.Release(Plan, task.Id, Human, force: true));

        released.Type.ShouldBe(TaskJournalTypes.Released);
        JsonNode.Parse(released.Data!)!.ToJsonString().ShouldBe($$"""{"id":1,"owner":"{{Ada}}","abandoned":false}""");
        JsonNode.Parse(forced.Data!)!["forced"]!.GetValue<bool>().ShouldBeTrue();
        Board.Get(Plan, task.Id).IsReady.ShouldBeTrue();
    }

    [Fact]
    public void Deleting_a_task_another_owns_needs_force()
    {
        var task = Add("a");
        Board.Claim(Plan, task.Id, null, Ada);

        RefusedWithoutWriting<TaskConflictException>(() => Board.Remove(Plan, task.Id, Bob)).Message.ShouldContain($"owned by {Ada}");

        Board.Remove(Plan, task.Id, Human, force: true).Owner.ShouldBe(Ada);
    }

    [Fact]
    public void Releasing_an_abandoned_owner_returns_its_unfinished_tasks_to_pending_one_entry_each_and_is_idempotent()
    {
        var started = Add("started");
        var claimed = Add("claimed");
        var done = Add("done");
        var bobs = Add("bobs");
        Board.Start(Plan, started.Id, Ada);
        Board.Claim(Plan, claimed.Id, null, Ada);
        Board.Start(Plan, done.Id, Ada);
        Board.Complete(Plan, done.Id, null, Ada);
        Board.Claim(Plan, bobs.Id, null, Bob);

        Store.ListTaskOwners().ShouldBe([Ada, Bob]);
        Store.ListOwnedTasks(Ada).Select(t => t.Id).ShouldBe([started.Id, claimed.Id]);
        var before = Journal().Count;
        var released = Store.ReleaseAbandonedTasks(Ada, Human);

        released.Select(t => (t.Id, t.Status)).ShouldBe([(started.Id, TaskItemStatus.InProgress), (claimed.Id, TaskItemStatus.Pending)]);
        var entries = Journal().Skip(before).ToList();
        entries.Select(e => e.Type).ShouldBe([TaskJournalTypes.Released, TaskJournalTypes.Released]);
        entries.ShouldAllBe(e => e.Actor == Human && e.Data!.Contains("\"abandoned\":true"));
        Board.List(Plan, new TaskFilter(ReadyOnly: true)).Select(t => t.Id).ShouldBe([started.Id, claimed.Id]);
        Board.Get(Plan, done.Id).Owner.ShouldBe(Ada);
        Store.ListTaskOwners().ShouldBe([Bob]);
        NoEntry(() => Store.ReleaseAbandonedTasks(Ada, Human).ShouldBeEmpty());
    }

    [Fact]
    public void Listing_filters_by_status_and_owner_in_id_order()
    {
        var a = Add("a");
        var b = Add("b");
        Add("c");
        Board.Start(Plan, b.Id, Ada);
        Board.Claim(Plan, a.Id, null, Ada);

        Board.List(Plan, new TaskFilter(Owner: Ada)).Select(t => t.Id).ShouldBe([a.Id, b.Id]);
        Board.List(Plan, new TaskFilter(Status: TaskItemStatus.InProgress)).Select(t => t.Id).ShouldBe([b.Id]);
        Board.List(Plan, new TaskFilter(Status: TaskItemStatus.Pending, Owner: Ada)).Select(t => t.Id).ShouldBe([a.Id]);
        Board.List(Plan, new TaskFilter(Limit: 2)).Select(t => t.Id).ShouldBe([1L, 2L]);
    }
}
