using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    [Fact]
    public void Ids_are_short_and_increase_per_list_and_each_add_appends_one_entry()
    {
        var first = Add("write the parser");
        var other = Board.Add("other", "elsewhere", null, 0, null, [], Ada);
        TaskItem second = null!;
        var entry = OneEntry(() => second = Add("test the parser", priority: 2, role: "tester", blockedBy: first.Id));

        first.Id.ShouldBe(1);
        other.Id.ShouldBe(1);
        second.Id.ShouldBe(2);
        second.BlockedBy.ShouldBe([1L]);
        second.OpenBlockers.ShouldBe([1L]);
        second.Status.ShouldBe(TaskItemStatus.Pending);
        second.CreatedBy.ShouldBe(Human);
        second.CreatedAt.ShouldBe(T0);
        Board.Get(Plan, 1).Blocks.ShouldBe([2L]);
        entry.Type.ShouldBe(TaskJournalTypes.Created);
        entry.Subject.ShouldBe("tasks:plan");
        JsonNode.Parse(entry.Data!)!.ToJsonString().ShouldBe("""{"id":2,"priority":2,"role":"tester","blocked_by":[1]}""");
    }

    [Fact]
    public void A_dependency_that_would_close_a_cycle_is_refused_naming_the_cycle()
    {
        var a = Add("a");
        var b = Add("b", blockedBy: a.Id);
        var c = Add("c", blockedBy: b.Id);

        var refused = RefusedWithoutWriting<UserErrorException>(() => Board.Block(Plan, a.Id, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Human));

        refused.Message.ShouldContain("#1 -> #3 -> #2 -> #1");
        RefusedWithoutWriting<UserErrorException>(() => Board.Block(Plan, a.Id, "#1", Human)).Message.ShouldContain("itself");
        Board.Get(Plan, a.Id).BlockedBy.ShouldBeEmpty();
    }

    [Fact]
    public void A_dependency_on_a_task_of_another_list_or_on_no_task_is_refused()
    {
        var task = Add("a");
        Board.Add("other", "b", null, 0, null, [], Human);

        RefusedWithoutWriting<UserErrorException>(() => Board.Block(Plan, task.Id, "other#1", Human)).Message.ShouldContain("another list");
        RefusedWithoutWriting<UserErrorException>(() => Board.Block(Plan, task.Id, "7", Human)).Message.ShouldContain("no task #7");
        RefusedWithoutWriting<UserErrorException>(() => Add("c", blockedBy: 9)).Message.ShouldContain("no task #9");
        RefusedWithoutWriting<UserErrorException>(() => Board.Add(Plan, "d", null, 0, null, ["other#1"], Human)).Message.ShouldContain("another list");
    }

    [Fact]
    public void Blocking_and_unblocking_move_the_ready_set_and_a_repeated_edge_changes_nothing()
    {
        var a = Add("a");
        var b = Add("b");

        var blocked = OneEntry(() => Board.Block(Plan, b.Id, "#1", Ada));
        NoEntry(() => Board.Block(Plan, b.Id, "1", Ada));
        var readyWhileBlocked = Board.List(Plan, new TaskFilter(ReadyOnly: true)).Select(t => t.Id).ToList();
        var unblocked = OneEntry(() => Board.Unblock(Plan, b.Id, "1", Ada));

        blocked.Type.ShouldBe(TaskJournalTypes.Blocked);
        unblocked.Type.ShouldBe(TaskJournalTypes.Unblocked);
        readyWhileBlocked.ShouldBe([a.Id]);
        Board.List(Plan, new TaskFilter(ReadyOnly: true)).Select(t => t.Id).ShouldBe([a.Id, b.Id]);
        Board.Get(Plan, b.Id).UpdatedBy.ShouldBe(Ada);
    }

    [Fact]
    public void Deleting_a_task_frees_the_tasks_that_waited_for_it()
    {
        var a = Add("a");
        var b = Add("b", blockedBy: a.Id);

        var entry = OneEntry(() => Board.Remove(Plan, a.Id, Human));

        entry.Type.ShouldBe(TaskJournalTypes.Deleted);
        Board.Get(Plan, b.Id).IsReady.ShouldBeTrue();
        Board.Get(Plan, b.Id).BlockedBy.ShouldBeEmpty();
        Should.Throw<UserErrorException>(() => Board.Get(Plan, a.Id)).Message.ShouldContain("no task #1");
        Add("c").Id.ShouldBe(3, "ids are never reused");
    }

    [Fact]
    public void Unknown_lists_and_tasks_and_oversized_text_are_refused_with_one_line_and_nothing_written()
    {
        Add("a");

        RefusedWithoutWriting<UserErrorException>(() => Board.List("nope", new TaskFilter())).Message.ShouldContain("no task list 'nope'");
        RefusedWithoutWriting<UserErrorException>(() => Board.Claim("nope", null, null, Ada)).Message.ShouldContain("no task list 'nope'");
        RefusedWithoutWriting<UserErrorException>(() => Board.Claim(Plan, 42, null, Ada)).Message.ShouldContain("no task #42");
        RefusedWithoutWriting<UserErrorException>(() => Board.Start(Plan, 42, Ada)).Message.ShouldContain("no task #42");
        RefusedWithoutWriting<UserErrorException>(() => Add(new string('x', TaskBoard.MaxSubjectLength + 1))).Message.ShouldContain("at most 200");
        RefusedWithoutWriting<UserErrorException>(() => Board.Add(Plan, "s", new string('x', TaskBoard.MaxDescriptionLength + 1), 0, null, [], Human));
        RefusedWithoutWriting<UserErrorException>(() => Board.Add(Plan, " ", null, 0, null, [], Human));
        RefusedWithoutWriting<UserErrorException>(() => Board.Add("bad list", "s", null, 0, null, [], Human));
        RefusedWithoutWriting<UserErrorException>(() => Add("p", priority: 5000));
        RefusedWithoutWriting<UserErrorException>(() => Board.Add(Plan, "s", null, 0, null, ["x"], Human)).Message.ShouldContain("is not a task");
        new[] { Board.Summary(Plan).Pending }.ShouldBe([1]);
    }

    [Fact]
    public void Lists_are_named_with_their_counts()
    {
        var a = Add("a");
        Add("b", blockedBy: a.Id);
        Add("c");
        Board.Add("alpha", "x", null, 0, null, [], Human);
        Board.Claim(Plan, a.Id, null, Ada);
        Board.Start(Plan, a.Id, Ada);

        var lists = Board.Lists();

        lists.Select(l => l.List).ShouldBe(["alpha", Plan]);
        lists[1].ShouldBe(new TaskListSummary(Plan, Pending: 2, InProgress: 1, Completed: 0, Cancelled: 0, Ready: 1, T0));
    }
}
