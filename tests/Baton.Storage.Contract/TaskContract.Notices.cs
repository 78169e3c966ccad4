using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    [Fact]
    public void An_owner_hears_once_that_its_task_is_ready_when_its_blocker_completes_and_never_of_its_own_changes()
    {
        PutSession(Ada);
        PutSession(Bob);
        var notices = new TaskNotices((IBatonStore)Store);
        var blocker = Add("design the schema");
        var waiting = Add("write the migration");
        Board.Claim(Plan, waiting.Id, null, Bob);
        Board.Block(Plan, waiting.Id, "1", Human);
        NoEntry(() => notices.Take(Ada).ShouldBeNull("Ada works no list yet"));
        notices.Take(Bob).ShouldBeNull("the first take starts at the journal's end");
        Board.Start(Plan, blocker.Id, Ada);

        Board.Complete(Plan, blocker.Id, null, Ada);
        var told = notices.Take(Bob);
        var again = notices.Take(Bob);

        told.ShouldNotBeNull();
        told.ShouldContain("task plan#2 'write the migration', yours, is now ready: task plan#1 'design the schema' was completed by 5c0ffee0");
        told.ShouldContain("Start it.");
        again.ShouldBeNull("each notice is handed over once");
        Board.Start(Plan, waiting.Id, Bob);
        notices.Take(Bob).ShouldBeNull("a session is not told of its own changes");
    }

    [Fact]
    public void A_flood_of_changes_comes_as_one_line_per_task_and_two_readers_at_once_hand_it_over_once()
    {
        PutSession(Ada);
        ((IStore)Store).UpdateSession(Ada, s => new Core.Storage.SessionChange(s! with { TaskList = Plan }, "session.task_list", Ada, null));
        var first = new TaskNotices((IBatonStore)Store);
        var second = new TaskNotices((IBatonStore)SecondConnection());
        first.Take(Ada).ShouldBeNull();
        var task = Add("a");
        Board.Claim(Plan, task.Id, null, Bob);
        Board.Release(Plan, task.Id, Bob);
        Board.Claim(Plan, task.Id, null, Bob);
        Board.Release(Plan, task.Id, Bob);
        Add("b");

        var told = first.Take(Ada);
        var late = second.Take(Ada);

        told.ShouldNotBeNull();
        told.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal)).ShouldBe(2);
        told.ShouldContain("task plan#1 'a' is ready to claim.");
        told.ShouldContain("task plan#2 'b' is ready to claim.");
        late.ShouldBeNull();
    }

    [Fact]
    public void An_owner_hears_when_someone_else_releases_or_cancels_its_task()
    {
        PutSession(Ada);
        var notices = new TaskNotices((IBatonStore)Store);
        var mine = Add("mine");
        var other = Add("other");
        var waiting = Add("waiting");
        Board.Start(Plan, mine.Id, Ada);
        Board.Claim(Plan, waiting.Id, null, Ada);
        Board.Block(Plan, waiting.Id, other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Human);
        notices.Take(Ada);

        Board.Release(Plan, mine.Id, Human, force: true);
        Board.Cancel(Plan, other.Id, Human);
        var told = notices.Take(Ada)!;

        told.ShouldContain("task plan#1 'mine' is no longer yours: a person released it.");
        told.ShouldContain("task plan#3 'waiting', yours, waits for task plan#2 'other', which was cancelled by a person");
    }
}
