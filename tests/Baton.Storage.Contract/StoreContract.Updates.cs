using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class StoreContract
{
    [Fact]
    public void The_store_keeps_since_when_a_session_has_had_its_status_whatever_a_change_says()
    {
        Put(Minimal("s") with { Status = SessionStatus.Running, StatusSince = null });
        var later = T0.AddMinutes(1);
        Put(Store.GetSession("s")! with { Status = SessionStatus.WaitingInput, UpdatedAt = later, StatusSince = T0.AddYears(-1) });
        var waiting = Store.GetSession("s")!;
        Put(waiting with { UpdatedAt = T0.AddMinutes(9), LastEvent = HookEvents.Notification, StatusSince = null });

        waiting.StatusSince.ShouldBe(later, "a status change starts the clock at the change's time");
        Store.GetSession("s")!.StatusSince.ShouldBe(later, "a change that keeps the status keeps the clock");
        Put(Store.GetSession("s")! with { Status = SessionStatus.Running, UpdatedAt = T0.AddMinutes(10) })!.StatusSince.ShouldBe(T0.AddMinutes(10));
    }

    [Fact]
    public void Update_session_writes_the_state_and_one_journal_entry()
    {
        var session = Full("s-1");
        var before = NowToTheMillisecond();

        var returned = Store.UpdateSession("s-1", _ => new SessionChange(session, JournalTypes.SessionStatus, "actor-7", """{"to":"running"}"""));

        var after = NowToTheMillisecond();
        returned.ShouldBe(session);
        Store.GetSession("s-1").ShouldBe(session);
        var entry = Journal().ShouldHaveSingleItem();
        entry.Sequence.ShouldBeGreaterThanOrEqualTo(1);
        entry.Type.ShouldBe(JournalTypes.SessionStatus);
        entry.Subject.ShouldBe("session:s-1");
        entry.Actor.ShouldBe("actor-7");
        entry.Data.ShouldBe("""{"to":"running"}""");
        entry.At.Offset.ShouldBe(TimeSpan.Zero);
        entry.At.ShouldBeInRange(before - ClockTolerance, after + ClockTolerance);
    }

    [Fact]
    public void A_journal_entry_may_have_no_data()
    {
        Put(Minimal("s"), data: null);

        Journal().ShouldHaveSingleItem().Data.ShouldBeNull();
    }

    [Fact]
    public void The_change_is_given_null_for_a_new_session_and_the_stored_session_otherwise()
    {
        var seen = new List<Session?>();
        var first = Minimal("s") with { Task = "first" };
        Store.UpdateSession("s", current =>
        {
            seen.Add(current);
            return new SessionChange(first, JournalTypes.SessionTask, "human", null);
        });
        Store.UpdateSession("s", current =>
        {
            seen.Add(current);
            return null;
        });

        seen.Count.ShouldBe(2);
        seen[0].ShouldBeNull();
        seen[1].ShouldBe(first);
    }

    [Fact]
    public void A_null_change_for_a_new_session_writes_nothing_and_adds_no_journal_entry()
    {
        var returned = Store.UpdateSession("s", _ => null);

        returned.ShouldBeNull();
        Store.GetSession("s").ShouldBeNull();
        Store.ListSessions(SessionFilter.All).ShouldBeEmpty();
        Journal().ShouldBeEmpty();
    }

    [Fact]
    public void A_null_change_for_a_stored_session_keeps_it_and_adds_no_journal_entry()
    {
        var stored = Full("s");
        Put(stored);

        var returned = Store.UpdateSession("s", _ => null);

        returned.ShouldBe(stored);
        Store.GetSession("s").ShouldBe(stored);
        Journal().Count.ShouldBe(1);
    }

    [Fact]
    public void Each_change_appends_exactly_one_journal_entry_with_increasing_sequence_numbers()
    {
        var subjects = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var id = $"s-{i % 3}";
            Store.UpdateSession(id, current => new SessionChange(
                (current ?? Minimal(id)) with { ActiveSubagents = (current?.ActiveSubagents ?? 0) + 1 },
                i % 2 == 0 ? JournalTypes.SessionStatus : JournalTypes.SessionActivity,
                $"actor-{i}",
                $$"""{"i":{{i}}}"""));
            subjects.Add("session:" + id);
        }

        var journal = Journal();
        journal.Count.ShouldBe(12);
        journal.Select(e => e.Subject).ShouldBe(subjects);
        journal.Select(e => e.Actor).ShouldBe(Enumerable.Range(0, 12).Select(i => $"actor-{i}"));
        journal.Select(e => e.Data).ShouldBe(Enumerable.Range(0, 12).Select(i => $$"""{"i":{{i}}}"""));
        journal.Select(e => e.Type).ShouldBe(Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? JournalTypes.SessionStatus : JournalTypes.SessionActivity));
        journal[0].Sequence.ShouldBeGreaterThanOrEqualTo(1);
        journal.Zip(journal.Skip(1)).ShouldAllBe(pair => pair.Second.Sequence > pair.First.Sequence);
        Store.GetSession("s-0").ShouldNotBeNull().ActiveSubagents.ShouldBe(4);
    }

    [Fact]
    public void A_change_that_throws_leaves_the_old_state_and_no_journal_entry()
    {
        var stored = Full("s");
        Put(stored);

        var thrown = Should.Throw<InvalidOperationException>(() => Store.UpdateSession("s", _ => throw new InvalidOperationException("boom")));

        thrown.Message.ShouldBe("boom");
        Store.GetSession("s").ShouldBe(stored);
        Journal().Count.ShouldBe(1);
    }

    [Fact]
    public void A_change_that_throws_for_a_new_session_creates_nothing_and_the_store_stays_usable()
    {
        Should.Throw<InvalidOperationException>(() => Store.UpdateSession("s", _ => throw new InvalidOperationException("boom")));

        Store.GetSession("s").ShouldBeNull();
        Journal().ShouldBeEmpty();
        Put(Minimal("t"));
        Store.GetSession("t").ShouldNotBeNull();
        Journal().ShouldHaveSingleItem().Subject.ShouldBe("session:t");
    }

    [Fact]
    public void A_change_whose_session_id_differs_is_refused_and_writes_nothing()
    {
        var stored = Full("s");
        Put(stored);

        Should.Throw<ArgumentException>(() => Store.UpdateSession("s", _ => new SessionChange(Minimal("other"), JournalTypes.SessionActivity, "human", null)));
        Should.Throw<ArgumentException>(() => Store.UpdateSession("new", _ => new SessionChange(Minimal("NEW"), JournalTypes.SessionActivity, "human", null)));

        Store.GetSession("s").ShouldBe(stored);
        Store.GetSession("other").ShouldBeNull();
        Store.GetSession("new").ShouldBeNull();
        Store.GetSession("NEW").ShouldBeNull();
        Journal().Count.ShouldBe(1);
        Put(Minimal("after"));
        Journal().Count.ShouldBe(2);
    }

    [Fact]
    public void Check_writable_changes_nothing()
    {
        Store.CheckWritable();

        Store.ListSessions(SessionFilter.All).ShouldBeEmpty();
        Journal().ShouldBeEmpty();

        Put(Minimal("s"));
        Store.CheckWritable();

        Journal().ShouldHaveSingleItem().Subject.ShouldBe("session:s");
        Store.ListSessions(SessionFilter.All).ShouldHaveSingleItem().SessionId.ShouldBe("s");
    }
}
