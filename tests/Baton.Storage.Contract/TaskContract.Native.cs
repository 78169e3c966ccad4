using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

public abstract partial class TaskContract
{
    [Fact]
    public void A_native_change_is_journaled_once_however_many_times_it_is_reported_and_a_new_state_of_the_task_again()
    {
        const string completedByHook = """{"id":"1","event":"TaskCompleted","subject":"design the schema","status":"completed","owner":"ada","unblocked":[]}""";
        const string completedByTool = """{"id":"1","event":"TaskUpdate","subject":"design the schema","status":"completed","owner":"ada","unblocked":[{"id":"2","subject":"write the migration"}]}""";

        var first = OneEntry(() => Store.AppendNativeChange(Plan, Ada, completedByHook).ShouldBeTrue());
        NoEntry(() => Store.AppendNativeChange(Plan, Ada, completedByTool).ShouldBeFalse("the same change, reported by the TaskUpdate's PostToolUse"));
        OneEntry(() => Store.AppendNativeChange(Plan, Ada, """{"id":"2","event":"TaskUpdate","status":"completed","owner":"ada"}""").ShouldBeTrue("another task"));
        OneEntry(() => Store.AppendNativeChange("other", Ada, completedByTool).ShouldBeTrue("the task of another list"));
        OneEntry(() => Store.AppendNativeChange(Plan, Bob, """{"id":"1","event":"TaskUpdate","status":"in_progress","owner":"bob"}""").ShouldBeTrue("reopened by another"));
        OneEntry(() => Store.AppendNativeChange(Plan, Ada, completedByTool).ShouldBeTrue("completed again"));

        first.Type.ShouldBe(TaskJournalTypes.Native);
        first.Subject.ShouldBe(TaskJournalTypes.Subject(Plan));
        first.Actor.ShouldBe(Ada);
        first.Data.ShouldBe(completedByHook);
        RefusedWithoutWriting<ArgumentException>(() => Store.AppendNativeChange(Plan, Ada, """{"status":"completed"}"""));
    }

    [Fact]
    public async Task Two_connections_reporting_one_native_change_at_once_journal_it_exactly_once()
    {
        var stores = new[] { Store, SecondConnection() };
        for (var round = 0; round < 20; round++)
        {
            var change = $$"""{"id":"{{round}}","event":"TaskUpdate","status":"completed","owner":"ada"}""";
            using var start = new Barrier(stores.Length);
            var reports = stores.Select(s => Task.Run(() =>
            {
                start.SignalAndWait();
                return s.AppendNativeChange(Plan, Ada, change);
            })).ToArray();

            (await Task.WhenAll(reports)).Count(journaled => journaled).ShouldBe(1, $"round {round}");
        }

        Journal().Count(e => e.Type == TaskJournalTypes.Native).ShouldBe(20);
    }
}
