using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Mcp.Tests;

/// <summary>send_message, broadcast, inbox, reply, thread through the SDK's client.</summary>
public sealed class MessageToolsTests : McpTestBase
{
    private const string SessionC = "cccccccc-3333-4333-8333-000000000003";

    [Fact]
    public async Task A_message_sent_by_name_is_in_the_recipients_inbox_once_and_its_reply_returns_in_the_same_thread()
    {
        PutSessions();
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);

        var sent = await a.CallJsonAsync("send_message", new { to = "bee", body = "can you review #42?", urgent = true });
        var inbox = await b.CallJsonAsync("inbox");
        var again = await b.CallJsonAsync("inbox");
        var reply = await b.CallJsonAsync("reply", new { message_id = sent["id"]!.GetValue<long>(), body = "on it" });
        var back = await a.CallJsonAsync("inbox", new { unread_only = true, mark_read = false });

        sent["sender"]!.GetValue<string>().ShouldBe(SessionA);
        sent["urgent"]!.GetValue<bool>().ShouldBeTrue();
        sent["recipients"]!.AsArray().Single()!["session_id"]!.GetValue<string>().ShouldBe(SessionB);
        var message = inbox["messages"]!.AsArray().ShouldHaveSingleItem()!;
        message["body"]!.GetValue<string>().ShouldBe("can you review #42?");
        message["sender_name"]!.GetValue<string>().ShouldBe("ay");
        inbox["unread_left"]!.GetValue<int>().ShouldBe(0);
        again["count"]!.GetValue<int>().ShouldBe(0);
        reply["thread_id"]!.GetValue<long>().ShouldBe(sent["id"]!.GetValue<long>());
        reply["recipients"]!.AsArray().Single()!["session_id"]!.GetValue<string>().ShouldBe(SessionA);
        back["messages"]!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("on it");
        (await a.CallJsonAsync("inbox"))["count"]!.GetValue<int>().ShouldBe(1, "mark_read false left it unread");

        var thread = await b.CallJsonAsync("thread", new { message_id = reply["id"]!.GetValue<long>() });
        thread["thread_id"]!.GetValue<long>().ShouldBe(sent["id"]!.GetValue<long>());
        thread["messages"]!.AsArray().Select(m => m!["body"]!.GetValue<string>()).ShouldBe(["can you review #42?", "on it"]);
        (await a.CallErrorAsync("thread", new { message_id = 777 })).ShouldContain("no message 777");
    }

    [Fact]
    public async Task Broadcast_reaches_every_live_session_but_the_sender_and_a_thread_can_be_continued()
    {
        PutSessions();
        var a = await ServerAsync(SessionA);
        var c = await ServerAsync(SessionC);

        var all = await a.CallJsonAsync("broadcast", new { body = "freeze at 5pm" });
        var project = await c.CallJsonAsync("broadcast", new { body = "blog only", project = "shop" });
        var followUp = await c.CallJsonAsync("send_message", new { to = SessionA[..8], body = "noted", thread = all["id"]!.GetValue<long>() });

        all["recipients"]!.AsArray().Select(r => r!["session_id"]!.GetValue<string>()).ShouldBe([SessionB, SessionC], ignoreOrder: true);
        project["recipients"]!.AsArray().Select(r => r!["session_id"]!.GetValue<string>()).ShouldBe([SessionA, SessionB], ignoreOrder: true);
        followUp["thread_id"]!.GetValue<long>().ShouldBe(all["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Refusals_are_errors_the_model_reads_and_store_nothing()
    {
        PutSessions();
        using (var store = OpenStore())
        {
            Put(store, "dddddddd-4444-4444-8444-000000000004", "dee", ended: true);
        }

        var a = await ServerAsync(SessionA);

        (await a.CallErrorAsync("send_message", new { to = "dee", body = "hello?" })).ShouldContain("has exited (status exited");
        (await a.CallErrorAsync("send_message", new { to = "nobody", body = "hello?" })).ShouldContain("No session matches 'nobody'");
        (await a.CallErrorAsync("send_message", new { to = "bee", body = "   " })).ShouldContain("empty");
        (await a.CallErrorAsync("send_message", new { to = "bee", body = new string('x', 64 * 1024 + 1) })).ShouldContain("65536");
        (await a.CallErrorAsync("reply", new { message_id = 777, body = "hi" })).ShouldContain("no message 777");
        using var check = OpenStore();
        check.CountUnread().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_full_inbox_is_the_retryable_error_and_a_person_reads_answers_in_the_human_inbox()
    {
        PutSessions();
        Home.EnsureCreated();
        File.WriteAllText(Path.Combine(Home.Root, "config.json"), """{"inbox_limit": 1}""");
        var person = await ServerAsync(null);
        var b = await ServerAsync(SessionB);

        var asked = await person.CallJsonAsync("send_message", new { to = "bee", body = "status?" });
        var full = await person.CallErrorAsync("send_message", new { to = "bee", body = "status??" });
        await b.CallJsonAsync("reply", new { message_id = asked["id"]!.GetValue<long>(), body = "green" });
        var human = await person.CallJsonAsync("inbox");

        asked["sender"]!.GetValue<string>().ShouldBe("human");
        full.ShouldContain("inbox full: retry later");
        human["recipient"]!.GetValue<string>().ShouldBe("human");
        human["messages"]!.AsArray().Single()!["body"]!.GetValue<string>().ShouldBe("green");
    }

    private void PutSessions()
    {
        Home.EnsureCreated();
        using var store = OpenStore();
        Put(store, SessionA, "ay");
        Put(store, SessionB, "bee");
        Put(store, SessionC, "cee");
    }
}
