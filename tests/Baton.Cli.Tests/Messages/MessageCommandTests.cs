using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Core.Messages;

namespace Baton.Cli.Tests.Messages;

public sealed class MessageCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";
    private const string Carol = "cccc3333-0000-4000-8000-000000000003";

    private readonly MessagesCliHarness _cli = new();

    public MessageCommandTests()
    {
        _cli.Session(Alice, "alice");
        _cli.Session(Bob, "bob");
        _cli.Session(Carol, "carol", project: "blog");
    }

    [Fact]
    public void A_message_sent_by_name_is_in_the_recipients_inbox_once_with_its_sender_and_then_read()
    {
        _cli.CurrentSessionId = Alice;
        var sent = _cli.Run("send", "bob", "the schema is merged\nrebase please", "--urgent");
        _cli.CurrentSessionId = Bob;

        var inbox = _cli.Run("inbox");
        var again = _cli.Run("inbox");

        sent.ExitCode.ShouldBe(0, sent.Error);
        sent.Output.ShouldMatch(@"^Sent message #\d+ to bbbb2222 \(bob\) \(urgent\)\.\s*$");
        inbox.ExitCode.ShouldBe(0, inbox.Error);
        inbox.Output.ShouldContain("from aaaa1111 (alice)");
        inbox.Output.ShouldContain("URGENT");
        inbox.Output.ShouldContain("  new");
        inbox.Output.ShouldContain("    the schema is merged\n    rebase please\n");
        inbox.Output.ShouldContain("baton reply");
        again.ExitCode.ShouldBe(0);
        again.Output.ShouldBe("No unread messages for bbbb2222 (bob).\n");
    }

    [Fact]
    public void Inbox_json_has_the_stable_shape_and_all_shows_read_messages_too()
    {
        _cli.CurrentSessionId = Alice;
        _cli.Run("send", "bbbb", "one");
        _cli.CurrentSessionId = null;
        _cli.Run("send", "bob", "two");

        _cli.CurrentSessionId = Bob;
        var unread = JsonNode.Parse(_cli.Run("inbox", "--json").Output)!.AsArray();
        var all = JsonNode.Parse(_cli.Run("inbox", "--all", "--json").Output)!.AsArray();

        unread.Count.ShouldBe(2);
        unread[0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "thread_id", "reply_to", "sender", "sender_name", "body", "urgent", "created_at", "recipients"]);
        unread[0]!["sender"]!.GetValue<string>().ShouldBe(Alice);
        unread[0]!["sender_name"]!.GetValue<string>().ShouldBe("alice");
        unread[1]!["sender"]!.GetValue<string>().ShouldBe("human");
        var recipient = unread[0]!["recipients"]!.AsArray().Single()!;
        recipient.AsObject().Select(p => p.Key).ShouldBe(["session_id", "name", "delivered_at", "read_at"]);
        recipient["read_at"].ShouldBeNull("shown as it was before this listing");
        all.Count.ShouldBe(2);
        all.ShouldAllBe(m => m!["recipients"]![0]!["read_at"] != null, "bob's own listing marked them read");
    }

    [Fact]
    public void Send_to_a_project_reaches_its_live_sessions_but_the_sender_and_broadcast_every_live_session_but_the_sender()
    {
        _cli.Session("dddd4444-0000-4000-8000-000000000004", "dave");
        _cli.GoneSessions.Add("dddd4444-0000-4000-8000-000000000004");
        _cli.CurrentSessionId = Alice;

        var project = JsonNode.Parse(_cli.Run("send", "--project", "shop", "standup in 5", "--json").Output)!;
        var broadcast = _cli.Run("broadcast", "deploy at noon");

        project["recipients"]!.AsArray().Select(r => r!["session_id"]!.GetValue<string>()).ShouldBe([Bob]);
        broadcast.ExitCode.ShouldBe(0, broadcast.Error);
        broadcast.Output.ShouldContain("to 2 sessions: ");
        broadcast.Output.ShouldContain("bbbb2222 (bob)");
        broadcast.Output.ShouldContain("cccc3333 (carol)");
        broadcast.Output.ShouldNotContain("alice");
        broadcast.Output.ShouldNotContain("dave");
        _cli.Run("send", "--project", "shop", "bob", "hi").ExitCode.ShouldBe(2);
    }

    [Fact]
    public void A_reply_goes_to_the_sender_in_the_same_thread_and_a_persons_message_is_answered_into_the_human_inbox()
    {
        _cli.CurrentSessionId = Alice;
        var question = JsonNode.Parse(_cli.Run("send", "bob", "ready?", "--json").Output)!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.CurrentSessionId = Bob;

        var reply = JsonNode.Parse(_cli.Run("reply", question, "yes", "--json").Output)!;
        _cli.CurrentSessionId = null;
        var asked = JsonNode.Parse(_cli.Run("send", "bob", "and you?", "--json").Output)!["id"]!.ToString();
        _cli.CurrentSessionId = Bob;
        var answered = _cli.Run("reply", asked, "all good");
        _cli.CurrentSessionId = null;
        var human = _cli.Run("inbox", "--session", "human");

        reply["thread_id"]!.ToString().ShouldBe(question);
        reply["reply_to"]!.ToString().ShouldBe(question);
        reply["recipients"]!.AsArray().Single()!["session_id"]!.GetValue<string>().ShouldBe(Alice);
        answered.ExitCode.ShouldBe(0, answered.Error);
        answered.Output.ShouldStartWith("Replied with message #");
        answered.Output.ShouldContain($"in thread #{asked} to human");
        human.Output.ShouldContain("from bbbb2222 (bob)");
        human.Output.ShouldContain("    all good");

        var thread = _cli.Run("thread", asked);
        thread.ExitCode.ShouldBe(0, thread.Error);
        thread.Output.ShouldContain("    and you?");
        thread.Output.IndexOf("    and you?", StringComparison.Ordinal).ShouldBeLessThan(thread.Output.IndexOf("    all good", StringComparison.Ordinal));
        thread.Output.ShouldContain("Answer with: baton reply ");
        var threadJson = JsonNode.Parse(_cli.Run("thread", question, "--json").Output)!.AsArray();
        threadJson.Select(m => m!["body"]!.GetValue<string>()).ShouldBe(["ready?", "yes"]);
        JsonNode.Parse(_cli.Run("inbox", "--session", "bob", "--peek", "--json").Output)!.AsArray()
            .Select(m => m!["body"]!.GetValue<string>()).ShouldContain("and you?", "thread marks nothing read");
    }

    [Fact]
    public void A_send_to_an_exited_session_is_a_one_line_error_with_exit_2_naming_its_status_and_stores_nothing()
    {
        _cli.End(Carol);

        var refused = _cli.Run("send", "carol", "are you there?");

        refused.ExitCode.ShouldBe(2);
        refused.Output.ShouldBeEmpty();
        refused.Error.ShouldStartWith($"baton: The session {Carol} (carol) has exited (status exited");
        refused.Error.TrimEnd().ShouldNotContain("\n");
        _cli.Run("inbox", "--session", Carol, "--all", "--json").Output.Trim().ShouldBe("[]");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("oversized", "65536")]
    public void An_empty_or_oversized_message_is_a_one_line_error_with_exit_2(string body, string mentioned)
    {
        var refused = _cli.Run("send", "bob", body == "oversized" ? new string('x', MessageLimits.MaxBodyBytes + 1) : body);

        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldContain(mentioned);
        refused.Error.TrimEnd().ShouldNotContain("\n");
        _cli.Run("inbox", "--session", "bob", "--json").Output.Trim().ShouldBe("[]");
    }

    [Fact]
    public void An_unknown_target_or_message_id_is_exit_2()
    {
        _cli.Run("send", "nobody", "hi").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldContain("No session matches 'nobody'"));
        _cli.Run("reply", "4242", "hi").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldContain("no message 4242"));
        _cli.Run("thread", "4242").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldContain("no message 4242"));
    }

    [Fact]
    public void A_full_inbox_is_exit_1_with_the_retryable_error_and_nothing_sent_to_anyone()
    {
        _cli.Home.EnsureCreated();
        File.WriteAllText(Path.Combine(_cli.Home.Root, "config.json"), """{"notify": false, "inbox_limit": 2}""");
        _cli.CurrentSessionId = Alice;
        _cli.Run("send", "bob", "1").ExitCode.ShouldBe(0);
        _cli.Run("send", "bob", "2").ExitCode.ShouldBe(0);

        var full = _cli.Run("broadcast", "3");

        full.ExitCode.ShouldBe(1);
        full.Error.ShouldStartWith("baton: inbox full: retry later");
        _cli.Run("inbox", "--session", "carol", "--json").Output.Trim().ShouldBe("[]");
        _cli.CurrentSessionId = Bob;
        _cli.Run("inbox").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = Alice;
        _cli.Run("broadcast", "3").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Inbox_wait_times_out_with_exit_1_and_returns_at_once_when_a_message_is_there()
    {
        _cli.CurrentSessionId = Bob;
        var clock = Stopwatch.StartNew();

        var timedOut = _cli.Run("inbox", "--wait", "1", "--json");
        var waited = clock.Elapsed;
        _cli.CurrentSessionId = Alice;
        _cli.Run("send", "bob", "here");
        _cli.CurrentSessionId = Bob;
        clock.Restart();
        var found = _cli.Run("inbox", "--wait");

        timedOut.ExitCode.ShouldBe(1);
        timedOut.Output.Trim().ShouldBe("[]");
        timedOut.Error.ShouldContain("no message for bbbb2222 (bob) within 1 s");
        waited.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        found.ExitCode.ShouldBe(0, found.Error);
        found.Output.ShouldContain("    here");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Inbox_outside_a_session_is_the_persons_and_marks_it_read()
    {
        _cli.CurrentSessionId = null;
        var asked = JsonNode.Parse(_cli.Run("send", "bob", "status?", "--json").Output)!["id"]!.ToString();
        _cli.CurrentSessionId = Bob;
        _cli.Run("reply", asked, "halfway there").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;

        var first = _cli.Run("inbox");
        var second = _cli.Run("inbox");

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("from bbbb2222 (bob)");
        first.Output.ShouldContain("    halfway there");
        second.Output.ShouldContain("No unread messages for");
    }

    public void Dispose() => _cli.Dispose();
}
