using System.Text.Json.Nodes;
using Baton.Core.Messages;

namespace Baton.Storage.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public void A_message_claude_delivered_is_kept_read_in_its_own_thread_and_never_handed_over_again()
    {
        PutThree();
        Clock.Now = T0.AddSeconds(7);

        Message kept = null!;
        var entry = OneEntry(() => kept = Messenger.KeepDelivered("bob", "start on task 1", Ada, "claude")!);

        kept.ShouldNotBeNull();
        kept.Sender.ShouldBe(Ada);
        kept.ThreadId.ShouldBe(kept.Id);
        kept.Recipients.ShouldHaveSingleItem().ShouldBe(new MessageReceipt(Bob, null, null, T0.AddSeconds(7), T0.AddSeconds(7)));
        JsonNode.Parse(entry.Data!)!["delivered_by"]!.GetValue<string>().ShouldBe("claude");
        Messenger.Counts(Bob).ShouldBe(new InboxCounts(1, 0));
        Messenger.TakeForDelivery(Bob, "hook-1").ShouldBeEmpty();
        Messenger.Thread(kept.Id).ShouldHaveSingleItem().Body.ShouldBe("start on task 1");
    }

    [Fact]
    public void A_message_claude_delivered_counts_against_no_inbox_limit()
    {
        PutThree();
        var limited = MessengerOn(Store, inboxLimit: 1);
        limited.Send(Bob, "unread", Ada);

        limited.KeepDelivered(Bob, "seen already", Cy, "claude").ShouldNotBeNull();

        limited.Counts(Bob).ShouldBe(new InboxCounts(2, 1));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("ada")]
    [InlineData("")]
    public void A_message_claude_delivered_to_no_other_open_session_is_not_kept(string to)
    {
        PutThree();

        Messenger.KeepDelivered(to, "hello", Ada, "claude").ShouldBeNull();

        ((Baton.Core.Storage.IStore)Store).ReadJournal(0, 100).ShouldNotContain(e => e.Type == MessageJournalTypes.Sent);
    }

    [Fact]
    public void A_message_claude_delivered_over_the_size_limit_is_kept_cut_to_fit()
    {
        PutThree();
        var body = new string('é', MessageLimits.MaxBodyBytes);

        var kept = Messenger.KeepDelivered("bob", body, Ada, "claude").ShouldNotBeNull();

        System.Text.Encoding.UTF8.GetByteCount(kept.Body).ShouldBe(MessageLimits.MaxBodyBytes);
        body.ShouldStartWith(kept.Body);
    }
}
