using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void Read_journal_on_an_empty_store_returns_nothing()
    {
        Store.ReadJournal(0, 10).ShouldBeEmpty();
    }

    [Fact]
    public void Read_journal_after_a_sequence_returns_the_later_entries_up_to_the_limit()
    {
        for (var i = 0; i < 6; i++)
        {
            Put(Minimal($"s-{i}"));
        }

        var all = Store.ReadJournal(0, 100);
        all.Count.ShouldBe(6);

        var page = Store.ReadJournal(all[1].Sequence, 3);
        page.Select(e => e.Sequence).ShouldBe(all.Skip(2).Take(3).Select(e => e.Sequence));
        page.Select(e => e.Subject).ShouldBe(["session:s-2", "session:s-3", "session:s-4"]);

        Store.ReadJournal(0, 1).ShouldHaveSingleItem().ShouldBe(all[0]);
        Store.ReadJournal(all[4].Sequence, 100).ShouldHaveSingleItem().ShouldBe(all[5]);
        Store.ReadJournal(all[5].Sequence, 100).ShouldBeEmpty();
    }

    [Fact]
    public void The_last_sequence_is_that_of_the_newest_entry_and_0_for_an_empty_journal()
    {
        Store.LastSequence().ShouldBe(0);
        for (var i = 0; i < 3; i++)
        {
            Put(Minimal($"s-{i}"));
        }

        Store.LastSequence().ShouldBe(Store.ReadJournal(0, 100)[^1].Sequence);
        Store.ReadJournal(Store.LastSequence(), 10).ShouldBeEmpty();
    }

    [Fact]
    public void Reading_the_journal_page_by_page_sees_every_entry_once()
    {
        for (var i = 0; i < 10; i++)
        {
            Put(Minimal($"s-{i}"));
        }

        var seen = new List<long>();
        var after = 0L;
        while (Store.ReadJournal(after, 3) is { Count: > 0 } page)
        {
            seen.AddRange(page.Select(e => e.Sequence));
            after = page[^1].Sequence;
        }

        seen.ShouldBe(Journal().Select(e => e.Sequence));
        seen.Count.ShouldBe(10);
    }

    [Fact]
    public void Read_journal_refuses_a_limit_below_one()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Store.ReadJournal(0, 0));
    }

    [Fact]
    public void A_second_connection_sees_committed_changes_both_ways()
    {
        var second = SecondConnection();
        Put(Full("from-first"));

        second.GetSession("from-first").ShouldBe(Full("from-first"));
        Journal(second).ShouldHaveSingleItem().Subject.ShouldBe("session:from-first");

        Put(Minimal("from-second"), store: second);

        Store.GetSession("from-second").ShouldBe(Minimal("from-second"));
        Store.ListSessions(SessionFilter.All).Count.ShouldBe(2);
        var journal = Journal();
        journal.Select(e => e.Subject).ShouldBe(["session:from-first", "session:from-second"]);
        journal[1].Sequence.ShouldBeGreaterThan(journal[0].Sequence);
        Journal(second).ShouldBe(journal);
    }

    [Fact]
    public void Read_modify_write_through_two_connections_loses_no_update()
    {
        var second = SecondConnection();
        for (var i = 0; i < 20; i++)
        {
            (i % 2 == 0 ? Store : second).UpdateSession("shared", current => new SessionChange(
                (current ?? Minimal("shared")) with { ActiveSubagents = (current?.ActiveSubagents ?? 0) + 1 },
                Baton.Core.Journal.JournalTypes.SessionActivity,
                "human",
                null));
        }

        Store.GetSession("shared").ShouldNotBeNull().ActiveSubagents.ShouldBe(20);
        second.GetSession("shared").ShouldNotBeNull().ActiveSubagents.ShouldBe(20);
        Journal().Count.ShouldBe(20);
    }
}
