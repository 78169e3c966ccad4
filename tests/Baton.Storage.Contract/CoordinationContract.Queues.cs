using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

public abstract partial class CoordinationContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public void Claim_next_takes_the_highest_priority_first_then_the_oldest()
    {
        var low = Coordinator.Enqueue("work", """{"n":"low"}""", Human, priority: -5);
        var firstNormal = Coordinator.Enqueue("work", """{"n":"a"}""", Human);
        var urgent = Coordinator.Enqueue("work", """{"n":"urgent"}""", Human, priority: 10);
        var secondNormal = Coordinator.Enqueue("work", """{"n":"b"}""", Human);
        Coordinator.Enqueue("elsewhere", "1", Human, priority: 100);

        var order = Enumerable.Range(0, 4).Select(_ => Coordinator.ClaimNext("work", Ada, Lease)!.Id).ToList();

        order.ShouldBe([urgent.Id, firstNormal.Id, secondNormal.Id, low.Id]);
        NoEntry(() => Coordinator.ClaimNext("work", Ada, Lease).ShouldBeNull());
    }

    [Fact]
    public void List_queues_names_each_queue_with_its_counts_and_an_expired_claim_counts_as_pending()
    {
        Coordinator.ListQueues().ShouldBeEmpty();
        Coordinator.Enqueue("work", "1", Human);
        Coordinator.Enqueue("work", "2", Human);
        Coordinator.Enqueue("work", "3", Human);
        Coordinator.Enqueue("alpha", "1", Human);
        var done = Coordinator.ClaimNext("work", Ada, Lease)!;
        Coordinator.Complete("work", done.Id, Ada, null);
        Coordinator.ClaimNext("work", Ada, TimeSpan.FromSeconds(10));
        Coordinator.ClaimNext("alpha", Bob, TimeSpan.FromSeconds(10));

        IReadOnlyList<QueueSummary> listed = [];
        NoEntry(() => listed = Coordinator.ListQueues());
        Clock.Now = T0.AddSeconds(11);
        var later = Coordinator.ListQueues();

        listed.ShouldBe([new QueueSummary("alpha", 0, 1, 0), new QueueSummary("work", 1, 1, 1)]);
        later.ShouldBe([new QueueSummary("alpha", 1, 0, 0), new QueueSummary("work", 2, 0, 1)]);
    }

    [Fact]
    public void Enqueue_and_claim_each_append_one_entry_and_the_claim_carries_the_lease()
    {
        QueueItem item = null!;
        var enqueued = OneEntry(() => item = Coordinator.Enqueue("work", """{"task":"lint"}""", Bob, priority: 3));
        Clock.Now = T0.AddSeconds(1);

        QueueItem claimed = null!;
        var entry = OneEntry(() => claimed = Coordinator.ClaimNext("work", Ada, Lease)!);

        enqueued.Type.ShouldBe(CoordinationJournalTypes.QueueEnqueued);
        enqueued.Subject.ShouldBe("queue:work");
        ((long?)JsonNode.Parse(enqueued.Data!)!["id"]).ShouldBe(item.Id);
        claimed.ShouldBe(item with
        {
            Status = QueueItemStatus.Claimed,
            Claimer = Ada,
            ClaimedAt = T0.AddSeconds(1),
            LeaseExpiresAt = T0.AddSeconds(1) + Lease,
            Attempts = 1,
        });
        Store.GetQueueItem("work", item.Id).ShouldBe(claimed);
        entry.Type.ShouldBe(CoordinationJournalTypes.QueueClaimed);
        entry.Actor.ShouldBe(Ada);
    }

    [Fact]
    public void An_item_whose_lease_expired_is_pending_again_and_its_first_claimer_can_no_longer_complete_it()
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);
        Clock.Now = T0 + Lease;

        Coordinator.ListQueue("work", QueueItemStatus.Pending).ShouldHaveSingleItem().Id.ShouldBe(item.Id);
        var entry = OneEntry(() => Coordinator.ClaimNext("work", Bob, Lease)!.ShouldSatisfyAllConditions(
            c => c.Id.ShouldBe(item.Id),
            c => c.Claimer.ShouldBe(Bob),
            c => c.Attempts.ShouldBe(2)));
        ((string?)JsonNode.Parse(entry.Data!)!["from"]).ShouldBe(Ada);

        var refused = RefusedWithoutWriting<QueueClaimException>(() => Coordinator.Complete("work", item.Id, Ada));
        refused.Current.Claimer.ShouldBe(Bob);
        refused.Message.ShouldContain(Bob);
    }

    [Fact]
    public void Complete_by_the_claimer_marks_the_item_done_with_its_result_and_anyone_else_is_told_who_claimed_it()
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);

        var refused = RefusedWithoutWriting<QueueClaimException>(() => Coordinator.Complete("work", item.Id, Bob, "\"mine\""));
        refused.Current.Claimer.ShouldBe(Ada);
        refused.Message.ShouldContain(Ada);

        Clock.Now = T0.AddMinutes(2);
        QueueItem done = null!;
        var entry = OneEntry(() => done = Coordinator.Complete("work", item.Id, Ada, """{"ok":true}"""));

        entry.Type.ShouldBe(CoordinationJournalTypes.QueueCompleted);
        done.Status.ShouldBe(QueueItemStatus.Done);
        done.CompletedAt.ShouldBe(T0.AddMinutes(2));
        done.ResultJson.ShouldBe("""{"ok":true}""");
        Coordinator.ListQueue("work", QueueItemStatus.Done).ShouldHaveSingleItem().ShouldBe(done);
        RefusedWithoutWriting<QueueClaimException>(() => Coordinator.Complete("work", item.Id, Ada)).Message.ShouldContain("done");
        Clock.Now = T0.AddDays(2);
        Coordinator.ClaimNext("work", Bob, Lease).ShouldBeNull();
    }

    [Fact]
    public void Release_returns_the_item_to_the_queue_and_only_its_claimer_may_release_it()
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);

        RefusedWithoutWriting<QueueClaimException>(() => Coordinator.Release("work", item.Id, Bob)).Message.ShouldContain(Ada);
        var entry = OneEntry(() => Coordinator.Release("work", item.Id, Ada).Status.ShouldBe(QueueItemStatus.Pending));

        entry.Type.ShouldBe(CoordinationJournalTypes.QueueReleased);
        var again = Coordinator.ClaimNext("work", Bob, Lease).ShouldNotBeNull();
        again.Id.ShouldBe(item.Id);
        again.Attempts.ShouldBe(2);
    }

    [Fact]
    public void A_forced_release_gives_back_another_sessions_live_claim_journaled_with_the_real_actor_and_the_claimer_it_had()
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);

        var entry = OneEntry(() => Coordinator.Release("work", item.Id, Human, force: true).Status.ShouldBe(QueueItemStatus.Pending));

        entry.Type.ShouldBe(CoordinationJournalTypes.QueueReleased);
        entry.Actor.ShouldBe(Human, "the journal names who forced it, not the claimer");
        var data = JsonNode.Parse(entry.Data!)!;
        data["claimer"]!.GetValue<string>().ShouldBe(Ada);
        data["forced"]!.GetValue<bool>().ShouldBeTrue();
        entry.Origin.ShouldBe(ThisProcess.Origin, "and the OS user and process that did");
        RefusedWithoutWriting<QueueClaimException>(() => Coordinator.Release("work", item.Id, Human, force: true))
            .Message.ShouldContain("pending", Case.Insensitive, "a pending item has no claim to force");
    }

    [Fact]
    public void List_queue_filters_by_status_as_of_now()
    {
        var a = Coordinator.Enqueue("work", "1", Human);
        var b = Coordinator.Enqueue("work", "2", Human);
        var c = Coordinator.Enqueue("work", "3", Human);
        Coordinator.ClaimNext("work", Ada, TimeSpan.FromMinutes(1));
        Coordinator.ClaimNext("work", Ada, TimeSpan.FromMinutes(10));
        Coordinator.Complete("work", b.Id, Ada);

        Coordinator.ListQueue("work").Select(i => (i.Id, i.Status)).ShouldBe(
            [(a.Id, QueueItemStatus.Claimed), (b.Id, QueueItemStatus.Done), (c.Id, QueueItemStatus.Pending)]);
        Clock.Now = T0.AddMinutes(1);
        Coordinator.ListQueue("work", QueueItemStatus.Pending).Select(i => i.Id).ShouldBe([a.Id, c.Id]);
        Coordinator.ListQueue("work", QueueItemStatus.Claimed).ShouldBeEmpty();
        Coordinator.ListQueue("work", limit: 1).ShouldHaveSingleItem().Id.ShouldBe(a.Id);
        Coordinator.ListQueue("nothing").ShouldBeEmpty();
    }

    [Fact]
    public void Completing_or_releasing_an_unknown_item_is_a_clear_error()
    {
        var item = Coordinator.Enqueue("work", "1", Human);
        Coordinator.ClaimNext("work", Ada, Lease);

        RefusedWithoutWriting<UserErrorException>(() => Coordinator.Complete("work", item.Id + 1, Ada)).Message.ShouldContain("no item");
        RefusedWithoutWriting<UserErrorException>(() => Coordinator.Release("other", item.Id, Ada)).Message.ShouldContain("'other'");
    }

    [Fact]
    public void Two_connections_claiming_in_turn_never_get_the_same_item()
    {
        var second = new Coordinator(SecondConnection(), Clock);
        var ids = Enumerable.Range(0, 10).Select(i => Coordinator.Enqueue("work", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Human).Id).ToList();

        var claimed = Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? Coordinator : second).ClaimNext("work", i % 2 == 0 ? Ada : Bob, Lease)?.Id).ToList();

        claimed.Take(10).ShouldBe(ids.Select(id => (long?)id));
        claimed.Skip(10).ShouldAllBe(id => id == null);
    }
}
