using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    private IStore Sessions => (IStore)Store;

    [Fact]
    public void Collecting_by_age_deletes_the_older_entries_in_one_change_journaled_with_its_counts()
    {
        var old = Enumerable.Range(0, 3).Select(i => Coordinator.LogEvent("build", $"old {i}", Ada)).ToList();
        Clock.Now = T0.AddDays(40);
        var recent = Enumerable.Range(0, 2).Select(i => Coordinator.LogEvent("build", $"new {i}", Bob)).ToList();

        var collected = Sessions.CollectJournal(new JournalRetention(TimeSpan.FromDays(30), null), Human, dryRun: false);

        collected.Deleted.ShouldBe(3);
        collected.KeptInUse.ShouldBe(0);
        collected.Remaining.ShouldBe(3);
        var entry = collected.Entry.ShouldNotBeNull();
        Journal().ShouldBe([.. recent, entry]);
        entry.Type.ShouldBe(JournalTypes.JournalGc);
        entry.Actor.ShouldBe(Human);
        var data = JsonNode.Parse(entry.Data!)!;
        data["deleted"]!.GetValue<long>().ShouldBe(3);
        data["remaining"]!.GetValue<long>().ShouldBe(3);
        data["max_age_days"]!.GetValue<double>().ShouldBe(30);
        Coordinator.LogEvent("build", "after", Ada).Sequence.ShouldBeGreaterThan(entry.Sequence);
        old.ShouldAllBe(e => e.Sequence < recent[0].Sequence);
    }

    [Fact]
    public void Collecting_by_size_keeps_the_newest_entries()
    {
        var logged = Enumerable.Range(0, 10).Select(i => Coordinator.LogEvent("build", $"{i}", Ada)).ToList();

        var collected = Sessions.CollectJournal(new JournalRetention(null, 4), Human, dryRun: false);

        collected.Deleted.ShouldBe(6);
        Journal().Select(e => e.Sequence).ShouldBe([.. logged.Skip(6).Select(e => e.Sequence), collected.Entry!.Sequence]);
    }

    [Fact]
    public void A_dry_run_counts_what_would_go_and_changes_nothing()
    {
        Enumerable.Range(0, 5).ToList().ForEach(i => Coordinator.LogEvent("build", $"{i}", Ada));
        var before = Journal();

        var counted = Sessions.CollectJournal(new JournalRetention(null, 2), Human, dryRun: true);

        counted.ShouldBe(new JournalCollection(3, 0, 5, null));
        Journal().ShouldBe(before);
    }

    [Fact]
    public void Entries_that_held_locks_claimed_items_untaken_handoffs_and_unread_messages_need_are_kept()
    {
        PutSession(Bob);
        var held = OneEntry(() => Coordinator.AcquireLock("held", TimeSpan.FromHours(24), Ada));
        var released = Coordinator.AcquireLock("released", TimeSpan.FromHours(24), Ada).Lock;
        Coordinator.ReleaseLock("released", released.Token, Ada);
        Coordinator.Enqueue("work", "1", Human);
        Coordinator.Enqueue("work", "2", Human);
        var claimed = OneEntry(() => Coordinator.ClaimNext("work", Ada, Lease));
        var done = Coordinator.ClaimNext("work", Bob, Lease)!;
        Coordinator.Complete("work", done.Id, Bob);
        var handoff = OneEntry(() => Coordinator.CreateHandoff("issue:1", "next", "ctx", Ada));
        Coordinator.CreateHandoff("issue:2", "next", "ctx", Ada);
        Coordinator.TakeHandoff("issue:2", Bob);
        var messages = (IMessageStore)Store;
        var unread = OneEntry(() => messages.SendMessage(new MessageDraft(Ada, [Bob, Human], "unread by one", false), 100));
        messages.SendMessage(new MessageDraft(Ada, [Human], "read", false), 100);
        messages.ReadInbox(Human, unreadOnly: true, markRead: true, limit: 100, Human);
        var all = Journal().Count;
        Clock.Now = T0.AddHours(2);

        var collected = Sessions.CollectJournal(new JournalRetention(TimeSpan.FromHours(1), null), Human, dryRun: false);

        collected.KeptInUse.ShouldBe(4);
        collected.Deleted.ShouldBe(all - 4);
        Journal().ShouldBe([held, claimed, handoff, unread, collected.Entry!]);
    }
}
