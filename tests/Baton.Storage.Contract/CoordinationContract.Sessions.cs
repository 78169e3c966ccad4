using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    [Fact]
    public void A_handoff_is_taken_by_exactly_one_session_and_a_second_take_names_who_took_it()
    {
        Handoff created = null!;
        var entry = OneEntry(() => created = Coordinator.CreateHandoff("issue:42", "Write the tests", "{\"branch\":\"fix-42\"}", Ada));
        entry.Type.ShouldBe(CoordinationJournalTypes.HandoffCreated);
        entry.Subject.ShouldBe("handoff:issue:42");
        Clock.Now = T0.AddMinutes(3);

        Handoff taken = null!;
        OneEntry(() => taken = Coordinator.TakeHandoff("issue:42", Bob)).Type.ShouldBe(CoordinationJournalTypes.HandoffTaken);
        var second = RefusedWithoutWriting<HandoffUnavailableException>(() => new Coordinator(SecondConnection(), Clock).TakeHandoff("issue:42", Human));

        taken.ShouldBe(created with { TakenBy = Bob, TakenAt = T0.AddMinutes(3) });
        taken.NextSteps.ShouldBe("Write the tests");
        second.Current.TakenBy.ShouldBe(Bob);
        second.Message.ShouldContain(Bob);
        Coordinator.ListHandoffs().ShouldBeEmpty();
        Coordinator.ListHandoffs(includeTaken: true).ShouldHaveSingleItem().ShouldBe(taken);
    }

    [Fact]
    public void A_handoff_addressed_to_a_session_can_be_taken_by_it_alone()
    {
        Coordinator.CreateHandoff("issue:42", "Review", "", Ada, to: Bob);

        RefusedWithoutWriting<HandoffUnavailableException>(() => Coordinator.TakeHandoff("issue:42", Human)).Message.ShouldContain(Bob);
        Coordinator.TakeHandoff("issue:42", Bob).TakenBy.ShouldBe(Bob);
    }

    [Fact]
    public void A_new_handoff_of_a_subject_replaces_the_last_and_taking_a_missing_one_is_a_clear_error()
    {
        Coordinator.CreateHandoff("s", "one", "", Ada);
        var entry = OneEntry(() => Coordinator.CreateHandoff("s", "two", "ctx", Bob));

        ((bool?)JsonNode.Parse(entry.Data!)!["replaced_open"]).ShouldBe(true);
        Coordinator.TakeHandoff("s", Ada).NextSteps.ShouldBe("two");
        RefusedWithoutWriting<UserErrorException>(() => Coordinator.TakeHandoff("none", Ada)).Message.ShouldContain("none");
    }

    [Fact]
    public void Progress_is_kept_per_subject_and_read_back_one_or_all()
    {
        Coordinator.SetProgress("issue:1", "planning", 10, "", Ada);
        Clock.Now = T0.AddMinutes(1);
        var entry = OneEntry(() => Coordinator.SetProgress("issue:2", "testing", 60, "3 of 5 suites", Bob));
        Coordinator.SetProgress("issue:1", "coding", 40, "half way", Ada);

        entry.Subject.ShouldBe("scope:" + Coordinator.ProgressScope);
        Coordinator.GetProgress("issue:2").ShouldHaveSingleItem().ShouldBe(new ProgressEntry("issue:2", "testing", 60, "3 of 5 suites", Bob, T0.AddMinutes(1)));
        Coordinator.GetProgress().Select(p => (p.Subject, p.Phase, p.Percent)).ShouldBe([("issue:1", "coding", 40), ("issue:2", "testing", 60)]);
        Coordinator.GetProgress("issue:3").ShouldBeEmpty();
    }

    [Fact]
    public void A_heartbeat_refreshes_an_open_sessions_updated_at_and_an_unknown_or_ended_session_is_a_clear_error()
    {
        PutSession(Ada);
        PutSession(Bob, endedAt: T0);
        Clock.Now = T0.AddMinutes(9);

        var entry = OneEntry(() => Coordinator.Heartbeat(Ada).ShouldBe(T0.AddMinutes(9)));

        entry.Type.ShouldBe(CoordinationJournalTypes.SessionHeartbeat);
        entry.Subject.ShouldBe("session:" + Ada);
        entry.Actor.ShouldBe(Ada);
        ((IStore)Store).GetSession(Ada).ShouldNotBeNull().UpdatedAt.ShouldBe(T0.AddMinutes(9));
        RefusedWithoutWriting<UserErrorException>(() => Coordinator.Heartbeat(Bob));
        RefusedWithoutWriting<UserErrorException>(() => Coordinator.Heartbeat("nobody")).Message.ShouldContain("nobody");
        ((IStore)Store).GetSession(Bob).ShouldNotBeNull().UpdatedAt.ShouldBe(T0);
    }

    [Fact]
    public void A_logged_event_is_one_journal_entry_with_its_message_and_metadata()
    {
        var entry = OneEntry(() => Coordinator.LogEvent("deploy", "shipped 1.2", Ada, """{"version":"1.2","ok":true}"""));

        entry.Type.ShouldBe("event.deploy");
        entry.Subject.ShouldBe("event:deploy");
        entry.Actor.ShouldBe(Ada);
        entry.At.ShouldBe(T0);
        var data = JsonNode.Parse(entry.Data!)!;
        ((string?)data["message"]).ShouldBe("shipped 1.2");
        ((string?)data["metadata"]!["version"]).ShouldBe("1.2");
        Coordinator.Events(limit: 1).ShouldHaveSingleItem().ShouldBe(entry);
    }

    [Fact]
    public void Events_filter_by_sequence_type_glob_and_actor_and_without_since_give_the_latest()
    {
        Coordinator.LogEvent("deploy", "one", Ada);
        Coordinator.StoreData("s", "k", "1", null, Bob);
        Coordinator.LogEvent("deploy", "two", Bob);
        Coordinator.LogEvent("deploy.canary", "three", Ada);
        var lockEntry = OneEntry(() => Coordinator.AcquireLock("res", TimeSpan.FromMinutes(1), Ada));
        var all = Journal();

        Coordinator.Events(since: 0).Select(e => e.Sequence).ShouldBe(all.Select(e => e.Sequence));
        Coordinator.Events(since: all[1].Sequence, limit: 2).Select(e => e.Sequence).ShouldBe([all[2].Sequence, all[3].Sequence]);
        Coordinator.Events(limit: 2).Select(e => e.Sequence).ShouldBe([all[3].Sequence, all[4].Sequence]);
        Coordinator.Events(type: "event.deploy").Select(e => e.Sequence).ShouldBe([all[0].Sequence, all[2].Sequence]);
        Coordinator.Events(type: "event.*").Count.ShouldBe(3);
        Coordinator.Events(type: "lock.*").ShouldHaveSingleItem().ShouldBe(lockEntry);
        Coordinator.Events(actor: Bob).Select(e => e.Type).ShouldBe([CoordinationJournalTypes.StateSet, "event.deploy"]);
        Coordinator.Events(since: 0, type: "event.?eploy", actor: Ada).ShouldHaveSingleItem().Sequence.ShouldBe(all[0].Sequence);
        Coordinator.Events(since: all[^1].Sequence).ShouldBeEmpty();
    }

    [Fact]
    public void A_type_glob_with_a_limit_gives_the_latest_or_the_first_matches_across_all_matching_types_in_sequence_order()
    {
        var types = new[] { "deploy", "build", "test", "deploy", "deploy", "build", "test", "test", "build", "deploy" };
        foreach (var (type, i) in types.Select((t, i) => (t, i)))
        {
            Coordinator.LogEvent(type, $"entry {i}", i % 2 == 0 ? Ada : Bob);
            Coordinator.StoreData("s", "k", $"{i}", null, Ada);
        }

        var events = Journal().Where(e => e.Type.StartsWith("event.", StringComparison.Ordinal)).Select(e => e.Sequence).ToArray();

        Coordinator.Events(type: "event.*", limit: 4).Select(e => e.Sequence).ShouldBe(events[^4..]);
        Coordinator.Events(since: events[2], type: "event.*", limit: 3).Select(e => e.Sequence).ShouldBe(events[3..6]);
        Coordinator.Events(type: "event.*", actor: Ada, limit: 2).Select(e => e.Sequence).ShouldBe([events[6], events[8]]);
        Coordinator.Events(type: "*.test", limit: 3).Select(e => e.Sequence).ShouldBe([events[2], events[6], events[7]]);
        Coordinator.Events(type: "event.deploy", limit: 1000).Select(e => e.Sequence).ShouldBe([events[0], events[3], events[4], events[9]]);
        Coordinator.Events(type: "nothing.*").ShouldBeEmpty();
    }

    [Fact]
    public void Releasing_abandoned_work_frees_the_sessions_locks_and_claims_one_entry_each_and_is_idempotent()
    {
        var deploy = Coordinator.AcquireLock("deploy", TimeSpan.FromHours(1), Ada).Lock;
        var file = Coordinator.AcquireLock("file:a.cs", TimeSpan.FromHours(1), Ada).Lock;
        var bobs = Coordinator.AcquireLock("bobs", TimeSpan.FromHours(1), Bob).Lock;
        var items = Enumerable.Range(0, 3).Select(i => Coordinator.Enqueue("work", "1", Human).Id).ToList();
        Coordinator.ClaimNext("work", Ada, Lease);
        Coordinator.ClaimNext("work", Bob, Lease);
        Coordinator.ClaimNext("work", Ada, Lease);
        var before = Journal().Count;

        var released = Coordinator.ReleaseAbandoned(Ada, Human);

        released.Locks.ShouldBe([deploy, file]);
        released.Items.Select(i => i.Id).ShouldBe([items[0], items[2]]);
        var entries = Journal().Skip(before).ToList();
        entries.Select(e => e.Type).ShouldBe(
        [
            CoordinationJournalTypes.LockReleased, CoordinationJournalTypes.LockReleased,
            CoordinationJournalTypes.QueueReleased, CoordinationJournalTypes.QueueReleased,
        ]);
        entries.ShouldAllBe(e => e.Actor == Human && e.Data!.Contains("\"abandoned\":true"));
        Coordinator.ListLocks().ShouldHaveSingleItem().ShouldBe(bobs);
        Coordinator.ListQueue("work", QueueItemStatus.Pending).Select(i => i.Id).ShouldBe([items[0], items[2]]);
        Coordinator.ListQueue("work", QueueItemStatus.Claimed).ShouldHaveSingleItem().Claimer.ShouldBe(Bob);
        Coordinator.AcquireLock("deploy", TimeSpan.FromMinutes(1), Bob).Lock.Token.ShouldBe(2);

        NoEntry(() => Coordinator.ReleaseAbandoned(Ada, Human).IsEmpty.ShouldBeTrue());
    }
}
