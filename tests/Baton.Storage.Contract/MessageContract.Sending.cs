using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Messages;
using Baton.Core.Sessions;

namespace Baton.Storage.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public void A_sent_message_starts_its_own_thread_and_its_journal_entry_names_the_recipients_and_size_not_the_body()
    {
        PutThree();
        Clock.Now = T0.AddSeconds(5);

        Message sent = null!;
        var entry = OneEntry(() => sent = Messenger.Send(Bob, "the API is ready ✓", Ada, urgent: true));

        sent.ThreadId.ShouldBe(sent.Id);
        sent.ReplyTo.ShouldBeNull();
        sent.Sender.ShouldBe(Ada);
        sent.Urgent.ShouldBeTrue();
        sent.CreatedAt.ShouldBe(T0.AddSeconds(5));
        sent.Recipients.ShouldHaveSingleItem().ShouldBe(new MessageReceipt(Bob, null, null, null, null));
        entry.Type.ShouldBe(MessageJournalTypes.Sent);
        entry.Subject.ShouldBe($"message:{sent.Id}");
        entry.Actor.ShouldBe(Ada);
        entry.Data!.ShouldNotContain("API");
        var data = JsonNode.Parse(entry.Data!)!;
        data["to"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe([Bob]);
        data["bytes"]!.GetValue<int>().ShouldBe(System.Text.Encoding.UTF8.GetByteCount("the API is ready ✓"));
        data["urgent"]!.GetValue<bool>().ShouldBeTrue();
        var stored = Store.GetMessage(sent.Id).ShouldNotBeNull();
        stored.Body.ShouldBe("the API is ready ✓");
        stored.Recipients.ShouldBe(sent.Recipients);
    }

    [Fact]
    public void The_inbox_lists_unread_messages_oldest_first_marks_them_read_once_and_all_shows_the_read_ones_too()
    {
        PutThree();
        var first = Messenger.Send(Bob, "one", Ada);
        var second = Messenger.Send(Bob, "two", Cy);
        Messenger.Send(Ada, "not for bob", Cy);
        Clock.Now = T0.AddMinutes(1);

        IReadOnlyList<Message> shown = null!;
        var entry = OneEntry(() => shown = Messenger.Inbox(Bob));

        shown.Select(m => m.Body).ShouldBe(["one", "two"]);
        shown.ShouldAllBe(m => m.ReceiptOf(Bob)!.ReadAt == null, "the answer shows them as they were: unread");
        entry.Type.ShouldBe(MessageJournalTypes.Read);
        entry.Subject.ShouldBe("inbox:" + Bob);
        JsonNode.Parse(entry.Data!)!["ids"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldBe([first.Id, second.Id]);
        NoEntry(() => Messenger.Inbox(Bob).ShouldBeEmpty());
        var all = Messenger.Inbox(Bob, unreadOnly: false);
        all.Select(m => m.Id).ShouldBe([first.Id, second.Id]);
        all.ShouldAllBe(m => m.ReceiptOf(Bob)!.ReadAt == T0.AddMinutes(1));
        Messenger.Counts(Bob).ShouldBe(new InboxCounts(2, 0));
        Messenger.Counts(Ada).ShouldBe(new InboxCounts(1, 1));
    }

    [Fact]
    public void An_inbox_read_without_marking_writes_nothing_and_a_limit_shows_the_oldest_unread()
    {
        PutThree();
        var ids = Enumerable.Range(0, 5).Select(i => Messenger.Send(Bob, $"m{i}", Ada).Id).ToList();

        NoEntry(() => Messenger.Inbox(Bob, markRead: false).Count.ShouldBe(5));
        Messenger.Inbox(Bob, limit: 2).Select(m => m.Id).ShouldBe(ids.Take(2));
        Messenger.Inbox(Bob, limit: 2).Select(m => m.Id).ShouldBe(ids.Skip(2).Take(2));
        Messenger.Inbox(Bob, unreadOnly: false, markRead: false, limit: 2).Select(m => m.Id).ShouldBe(ids.Skip(3));
        Store.CountUnread().ShouldBe(new Dictionary<string, int> { [Bob] = 1 });
    }

    [Fact]
    public void A_reply_goes_to_the_original_sender_in_the_same_thread_and_a_reply_to_your_own_message_to_its_recipients()
    {
        PutThree();
        var question = Messenger.Send([Bob, Cy], "who owns the schema?", Ada);

        Message answer = null!;
        var entry = OneEntry(() => answer = Messenger.Reply(question.Id, "I do", Bob));
        var followUp = Messenger.Reply(question.Id, "thanks, both of you", Ada);
        var later = Messenger.Reply(answer.Id, "ok", Ada);

        answer.ThreadId.ShouldBe(question.Id);
        answer.ReplyTo.ShouldBe(question.Id);
        answer.Recipients.Select(r => r.Recipient).ShouldBe([Ada], "reply goes to the sender only, not to Cy");
        JsonNode.Parse(entry.Data!)!["reply_to"]!.GetValue<long>().ShouldBe(question.Id);
        followUp.Recipients.Select(r => r.Recipient).ShouldBe([Bob, Cy]);
        later.ThreadId.ShouldBe(question.Id);
        later.Recipients.Select(r => r.Recipient).ShouldBe([Bob]);
        Messenger.Thread(later.Id).Select(m => m.Id).ShouldBe([question.Id, answer.Id, followUp.Id, later.Id]);
    }

    [Fact]
    public void A_message_from_a_person_is_answered_into_the_human_inbox()
    {
        PutThree();
        var asked = Messenger.Send(Bob, "status?", Human);

        var answer = Messenger.Reply(asked.Id, "tests pass", Bob);

        answer.Recipients.ShouldHaveSingleItem().Recipient.ShouldBe(Human);
        Messenger.Inbox(Human).ShouldHaveSingleItem().Body.ShouldBe("tests pass");
    }

    [Fact]
    public void A_message_can_join_an_existing_thread_by_any_of_its_message_ids()
    {
        PutThree();
        var root = Messenger.Send(Bob, "plan", Ada);
        var reply = Messenger.Reply(root.Id, "agreed", Bob);

        var joined = Messenger.Send(Cy, "fyi, see the plan", Ada, thread: reply.Id);

        joined.ThreadId.ShouldBe(root.Id);
        joined.ReplyTo.ShouldBeNull();
        Store.GetThread(root.Id).Select(m => m.Id).ShouldBe([root.Id, reply.Id, joined.Id]);
        RefusedWithoutWriting<UserErrorException>(() => Messenger.Send(Cy, "x", Ada, thread: 9999)).Message.ShouldContain("9999");
    }

    [Fact]
    public void A_send_to_a_session_that_has_exited_is_refused_naming_its_status_and_stores_nothing()
    {
        PutThree();
        PutSession("dead0000-0000-4000-8000-000000000000", "gone", endedAt: T0);
        Liveness.Gone.Add(Cy);

        var ended = RefusedWithoutWriting<UserErrorException>(() => Messenger.Send("gone", "hello?", Ada));
        var noProcess = RefusedWithoutWriting<UserErrorException>(() => Messenger.Send([Bob, Cy], "hello?", Ada));

        ended.Message.ShouldContain("has exited (status exited");
        ended.Message.ShouldContain("gone");
        noProcess.Message.ShouldContain(Cy);
        noProcess.Message.ShouldContain("status exited");
        Messenger.Counts(Bob).Received.ShouldBe(0, "all or nothing: Bob got nothing either");
    }

    [Fact]
    public void A_send_to_a_session_still_starting_is_refused_and_the_store_itself_refuses_an_ended_recipient()
    {
        PutThree();
        PutSession("launch-1", "fresh", status: SessionStatus.Starting);
        PutSession("dead0000-0000-4000-8000-000000000000", endedAt: T0);

        RefusedWithoutWriting<UserErrorException>(() => Messenger.Send("fresh", "hi", Ada)).Message.ShouldContain("starting");
        var raced = RefusedWithoutWriting<RecipientUnavailableException>(() => Store.SendMessage(new MessageDraft(Ada, [Bob, "dead0000-0000-4000-8000-000000000000"], "hi", false), 500));
        raced.Status.ShouldBe("exited");
        RefusedWithoutWriting<RecipientUnavailableException>(() => Store.SendMessage(new MessageDraft(Ada, ["nobody"], "hi", false), 500)).Status.ShouldBeNull();
        Messenger.Counts(Bob).Received.ShouldBe(0);
    }

    [Fact]
    public void A_full_inbox_refuses_the_whole_send_with_a_retryable_error_until_the_recipient_reads()
    {
        PutThree();
        var limited = MessengerOn(Store, inboxLimit: 3);
        for (var i = 0; i < 3; i++)
        {
            limited.Send(Cy, $"m{i}", Ada);
        }

        var full = RefusedWithoutWriting<InboxFullException>(() => limited.Send([Bob, Cy], "to both", Ada));
        var broadcast = RefusedWithoutWriting<InboxFullException>(() => limited.Broadcast("to all", Ada));

        full.Message.ShouldStartWith("inbox full: retry later");
        full.Recipient.ShouldBe(Cy);
        full.Unread.ShouldBe(3);
        full.Limit.ShouldBe(3);
        full.ShouldBeAssignableTo<CoordinationConflictException>();
        broadcast.Recipient.ShouldBe(Cy);
        limited.Counts(Bob).Received.ShouldBe(0, "nothing was stored for Bob either");
        limited.Inbox(Cy, limit: 1);
        limited.Send([Bob, Cy], "to both", Ada).Recipients.Count.ShouldBe(2);
        Should.Throw<InboxFullException>(() => limited.Send(Cy, "again", Ada));
    }

    [Fact]
    public void A_broadcast_reaches_every_live_session_but_the_sender_and_none_that_exited_or_is_starting()
    {
        PutThree();
        PutSession("d0d0d0d0-0000-4000-8000-000000000004", "other-project", project: "blog");
        PutSession("dead0000-0000-4000-8000-000000000000", endedAt: T0);
        PutSession("launch-1", status: SessionStatus.Starting);
        Liveness.Gone.Add(Cy);

        var all = Messenger.Broadcast("deploy at noon", Ada);
        var shop = Messenger.Broadcast("shop only", Bob, project: "shop");

        all.Recipients.Select(r => r.Recipient).ShouldBe([Bob, "d0d0d0d0-0000-4000-8000-000000000004"], ignoreOrder: true);
        shop.Recipients.Select(r => r.Recipient).ShouldBe([Ada]);
        Messenger.ProjectRecipients("blog", except: null).ShouldBe(["d0d0d0d0-0000-4000-8000-000000000004"]);
        RefusedWithoutWriting<UserErrorException>(() => Messenger.Broadcast("x", Ada, project: "nothing")).Message.ShouldContain("'nothing'");
    }

    /// <summary>Bad requests, each with a word its error message must contain.</summary>
    public static TheoryData<string, string> BadSends => new()
    {
        { "empty body", "empty" },
        { "blank body", "empty" },
        { "oversized body", "65536" },
        { "body with NUL", "NUL" },
        { "unknown target", "No session matches" },
        { "empty target", "required" },
        { "ambiguous prefix", "matches 2 sessions" },
        { "unknown reply", "no message 4242" },
        { "empty reply", "empty" },
        { "sender with a newline", "sender" },
        { "no recipients", "recipient" },
    };

    [Theory]
    [MemberData(nameof(BadSends), MemberType = typeof(MessageContract))]
    public void Bad_input_is_a_one_line_error_and_stores_nothing(string request, string mentioned)
    {
        PutThree();
        PutSession("abc00000-0000-4000-8000-000000000001");
        PutSession("abc00000-0000-4000-8000-000000000002");
        var journal = Journal();

        var error = Should.Throw<UserErrorException>(() => Attempt(request));

        error.Message.ShouldContain(mentioned, Case.Insensitive);
        error.Message.ShouldNotContain("\n");
        Journal().ShouldBe(journal);
        Store.CountUnread().ShouldBeEmpty();
    }

    [Fact]
    public void A_body_of_exactly_64_KiB_is_accepted_and_kept_as_sent()
    {
        PutThree();
        var body = "é" + new string('x', MessageLimits.MaxBodyBytes - 3) + "\n";
        System.Text.Encoding.UTF8.GetByteCount(body).ShouldBe(MessageLimits.MaxBodyBytes);

        var sent = Messenger.Send(Bob, body, Ada);

        Store.GetMessage(sent.Id).ShouldNotBeNull().Body.ShouldBe(body);
    }

    private void Attempt(string request)
    {
        Action action = request switch
        {
            "empty body" => () => Messenger.Send(Bob, "", Ada),
            "blank body" => () => Messenger.Send(Bob, " \n\t ", Ada),
            "oversized body" => () => Messenger.Send(Bob, new string('x', MessageLimits.MaxBodyBytes + 1), Ada),
            "body with NUL" => () => Messenger.Send(Bob, "a\0b", Ada),
            "unknown target" => () => Messenger.Send("nobody", "hi", Ada),
            "empty target" => () => Messenger.Send("", "hi", Ada),
            "ambiguous prefix" => () => Messenger.Send("abc", "hi", Ada),
            "unknown reply" => () => Messenger.Reply(4242, "hi", Ada),
            "empty reply" => () => Messenger.Reply(1, "", Ada),
            "sender with a newline" => () => Messenger.Send(Bob, "hi", "ada\nbob"),
            "no recipients" => () => Messenger.Send(Array.Empty<string>(), "hi", Ada),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "No such bad request."),
        };
        action();
    }
}
