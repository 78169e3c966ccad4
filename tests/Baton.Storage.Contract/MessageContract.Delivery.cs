using System.Text.Json.Nodes;
using Baton.Core.Messages;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

public abstract partial class MessageContract
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    [Fact]
    public void Take_claims_the_unread_messages_in_send_order_and_confirm_marks_them_delivered_and_read()
    {
        PutThree();
        var one = Messenger.Send(Bob, "one", Ada);
        var two = Messenger.Send(Bob, "two", Cy);
        Clock.Now = T0.AddSeconds(1);

        IReadOnlyList<Message> taken = null!;
        var takeEntry = OneEntry(() => taken = Messenger.TakeForDelivery(Bob, "hook-1", Stale));
        Clock.Now = T0.AddSeconds(2);
        IReadOnlyList<long> delivered = null!;
        var confirmEntry = OneEntry(() => delivered = Messenger.ConfirmDelivered(Bob, "hook-1"));

        taken.Select(m => m.Id).ShouldBe([one.Id, two.Id]);
        taken.ShouldAllBe(m => m.ReceiptOf(Bob)!.TakeToken == "hook-1" && m.ReceiptOf(Bob)!.TakenAt == T0.AddSeconds(1));
        takeEntry.Type.ShouldBe(MessageJournalTypes.Taken);
        takeEntry.Actor.ShouldBe(Bob);
        delivered.ShouldBe([one.Id, two.Id]);
        confirmEntry.Type.ShouldBe(MessageJournalTypes.Delivered);
        JsonNode.Parse(confirmEntry.Data!)!["ids"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldBe([one.Id, two.Id]);
        var receipt = Store.GetMessage(one.Id)!.ReceiptOf(Bob)!;
        receipt.DeliveredAt.ShouldBe(T0.AddSeconds(2));
        receipt.ReadAt.ShouldBe(T0.AddSeconds(2), "delivery into context counts as reading");
        Messenger.Counts(Bob).ShouldBe(new InboxCounts(2, 0));
        NoEntry(() =>
        {
            Messenger.TakeForDelivery(Bob, "hook-2", Stale).ShouldBeEmpty();
            Messenger.ConfirmDelivered(Bob, "hook-1").ShouldBeEmpty();
            Messenger.TakeForDelivery(Ada, "hook-3", Stale).ShouldBeEmpty();
        });
    }

    [Fact]
    public void Deliver_confirms_only_what_was_handed_over_and_a_failed_hand_over_leaves_it_for_a_later_taker()
    {
        PutThree();
        var one = Messenger.Send(Bob, "one", Ada);
        var two = Messenger.Send(Bob, "two", Cy);

        NoEntry(() => Messenger.Deliver(Ada, "hook", _ => throw new ShouldAssertException("nothing to hand over")).ShouldBeEmpty());
        IReadOnlyList<Message>? offered = null;
        Messenger.Deliver(Bob, "hook", taken => { offered = taken; return false; }).ShouldBeEmpty();
        offered!.Select(m => m.Id).ShouldBe([one.Id, two.Id]);
        Messenger.Counts(Bob).Unread.ShouldBe(2, "a failed hand-over confirms nothing");
        Messenger.Deliver(Bob, "hook", _ => true).ShouldBeEmpty("a live claim is left to its taker");

        Clock.Now = T0 + Stale;
        Messenger.Deliver(Bob, "hook", _ => true, limit: 1).Select(m => m.Id).ShouldBe([one.Id]);
        Messenger.Deliver(Bob, "wake", _ => true).Select(m => m.Id).ShouldBe([two.Id]);
        Messenger.Counts(Bob).ShouldBe(new InboxCounts(2, 0));
        Store.GetMessage(two.Id)!.ReceiptOf(Bob)!.TakeToken.ShouldStartWith($"wake-{Environment.ProcessId}-");
    }

    [Fact]
    public void Two_connections_taking_in_turn_never_get_the_same_message()
    {
        PutThree();
        var second = MessengerOn(SecondConnection());
        var sent = Enumerable.Range(0, 10).Select(i => Messenger.Send(Bob, $"m{i}", i % 2 == 0 ? Ada : Cy).Id).ToList();

        var firstTake = Messenger.TakeForDelivery(Bob, "hook-a", Stale, limit: 4);
        var blocked = second.TakeForDelivery(Bob, "hook-b", Stale);
        Messenger.ConfirmDelivered(Bob, "hook-a");
        var secondTake = second.TakeForDelivery(Bob, "hook-b", Stale);
        second.ConfirmDelivered(Bob, "hook-b");

        firstTake.Select(m => m.Id).ShouldBe(sent.Take(4));
        blocked.ShouldBeEmpty("the first take's live claim comes first: nothing may overtake it");
        secondTake.Select(m => m.Id).ShouldBe(sent.Skip(4));
        firstTake.Select(m => m.Id).Intersect(secondTake.Select(m => m.Id)).ShouldBeEmpty();
        Messenger.TakeForDelivery(Bob, "hook-c", Stale).ShouldBeEmpty();
    }

    [Fact]
    public void A_take_stops_before_the_body_that_would_pass_its_character_budget_but_always_takes_the_first()
    {
        PutThree();
        var huge = Messenger.Send(Bob, new string('h', 500), Ada);
        var a = Messenger.Send(Bob, "é" + new string('a', 99), Ada);
        var b = Messenger.Send(Bob, new string('b', 100), Cy);
        var c = Messenger.Send(Bob, new string('c', 1), Ada);

        Messenger.TakeForDelivery(Bob, "hook-1", Stale, characters: 200).Select(m => m.Id).ShouldBe([huge.Id], "the first goes alone however long");
        Messenger.ConfirmDelivered(Bob, "hook-1");
        Messenger.TakeForDelivery(Bob, "hook-2", Stale, characters: 200).Select(m => m.Id)
            .ShouldBe([a.Id, b.Id], "100 + 100 characters (é counts as one) fit; the third would pass 200");
        Messenger.ConfirmDelivered(Bob, "hook-2");
        Messenger.TakeForDelivery(Bob, "hook-3", Stale, characters: 200).Select(m => m.Id).ShouldBe([c.Id]);
        Should.Throw<Core.UserErrorException>(() => Messenger.TakeForDelivery(Bob, "hook-4", Stale, characters: 0));
    }

    [Fact]
    public void A_message_taken_by_a_hook_that_never_confirmed_is_delivered_again_once_the_claim_is_stale()
    {
        PutThree();
        var lost = Messenger.Send(Bob, "taken, never handed over", Ada);
        Messenger.TakeForDelivery(Bob, "crashed", Stale).ShouldHaveSingleItem();
        Clock.Now = T0 + Stale - TimeSpan.FromMilliseconds(1);
        Messenger.TakeForDelivery(Bob, "early", Stale).ShouldBeEmpty("the claim is still live");
        Clock.Now = T0 + Stale;

        IReadOnlyList<Message> again = null!;
        var entry = OneEntry(() => again = Messenger.TakeForDelivery(Bob, "next", Stale));

        again.ShouldHaveSingleItem().Id.ShouldBe(lost.Id);
        JsonNode.Parse(entry.Data!)!["retaken"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldBe([lost.Id]);
        Messenger.ConfirmDelivered(Bob, "crashed").ShouldBeEmpty("the stale claim is no longer the crashed hook's");
        Messenger.ConfirmDelivered(Bob, "next").ShouldBe([lost.Id]);
    }

    [Fact]
    public void A_take_retried_with_the_same_token_gets_the_same_messages_and_new_ones_after_them()
    {
        PutThree();
        var one = Messenger.Send(Bob, "one", Ada);
        Messenger.TakeForDelivery(Bob, "hook-1", Stale);
        var two = Messenger.Send(Bob, "two", Ada);

        var retried = Messenger.TakeForDelivery(Bob, "hook-1", Stale);

        retried.Select(m => m.Id).ShouldBe([one.Id, two.Id]);
        Messenger.ConfirmDelivered(Bob, "hook-1").ShouldBe([one.Id, two.Id]);
    }

    [Fact]
    public void A_message_shown_by_the_inbox_is_not_delivered_again_and_a_delivered_one_is_not_unread()
    {
        PutThree();
        var read = Messenger.Send(Bob, "read in the inbox", Ada);
        Messenger.Inbox(Bob).ShouldHaveSingleItem().Id.ShouldBe(read.Id);
        var delivered = Messenger.Send(Bob, "delivered by a hook", Ada);

        Messenger.TakeForDelivery(Bob, "hook-1", Stale).ShouldHaveSingleItem().Id.ShouldBe(delivered.Id);
        Messenger.ConfirmDelivered(Bob, "hook-1");

        Messenger.Inbox(Bob).ShouldBeEmpty();
        Store.GetMessage(read.Id)!.ReceiptOf(Bob)!.DeliveredAt.ShouldBeNull();
        Store.CountUnread().ShouldBeEmpty();
    }

    [Fact]
    public void Each_recipient_of_one_message_takes_and_confirms_its_own_copy()
    {
        PutThree();
        var both = Messenger.Send([Bob, Cy], "to both", Ada);

        Messenger.TakeForDelivery(Bob, "hook-b", Stale).ShouldHaveSingleItem();
        Messenger.TakeForDelivery(Cy, "hook-c", Stale).ShouldHaveSingleItem();
        Messenger.ConfirmDelivered(Bob, "hook-b");

        var stored = Store.GetMessage(both.Id)!;
        stored.ReceiptOf(Bob)!.DeliveredAt.ShouldNotBeNull();
        stored.ReceiptOf(Cy)!.DeliveredAt.ShouldBeNull();
        stored.ReceiptOf(Cy)!.TakeToken.ShouldBe("hook-c");
        Store.CountUnread().ShouldBe(new Dictionary<string, int> { [Cy] = 1 });
    }

    [Fact]
    public async Task Without_a_change_feed_the_wait_looks_at_each_fallback_and_returns_when_a_message_arrives_or_false_when_the_time_runs_out()
    {
        PutThree();
        var second = MessengerOn(SecondConnection());
        using var looks = new StoreFollower(null, TimeProvider.System, TimeSpan.FromMilliseconds(100));

        (await Messenger.WaitForMessagesAsync(Bob, TimeSpan.Zero, looks)).ShouldBeFalse();
        (await Messenger.WaitForMessagesAsync(Bob, TimeSpan.FromMilliseconds(250), looks)).ShouldBeFalse();
        var waiting = Messenger.WaitForMessagesAsync(Bob, TimeSpan.FromSeconds(30), looks);
        await Task.Delay(150);
        second.Send(Bob, "wake up", Ada);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        (await Messenger.WaitForMessagesAsync(Bob, TimeSpan.Zero, looks)).ShouldBeTrue();
        await Should.ThrowAsync<Baton.Core.UserErrorException>(() => Messenger.WaitForMessagesAsync(Bob, TimeSpan.FromHours(2), looks));
    }

    [Fact]
    public async Task Told_of_store_changes_the_wait_looks_again_at_each_notice_and_otherwise_at_the_fallback()
    {
        PutThree();
        var second = MessengerOn(SecondConnection());
        var feed = new RecordingFeed();
        using var changes = new StoreFollower(feed, TimeProvider.System);
        var waiting = Messenger.WaitForMessagesAsync(Bob, TimeSpan.FromSeconds(30), changes: changes);
        await Task.Delay(200);
        waiting.IsCompleted.ShouldBeFalse();
        second.Send(Bob, "wake up", Ada);
        feed.Notice.Release();

        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        lock (feed.Asked)
        {
            feed.Asked.ShouldNotBeEmpty();
            feed.Asked.ShouldAllBe(t => t <= StoreFollower.DefaultFallback);
        }
    }

    /// <summary>A change feed that a test signals by hand, recording how long each wait was allowed to take.</summary>
    private sealed class RecordingFeed : IStoreChangeFeed
    {
        public SemaphoreSlim Notice { get; } = new(0);

        public List<TimeSpan> Asked { get; } = [];

        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            lock (Asked)
            {
                Asked.Add(timeout);
            }

            return await Notice.WaitAsync(timeout, cancellationToken);
        }

        public void Dispose() => Notice.Dispose();
    }
}
