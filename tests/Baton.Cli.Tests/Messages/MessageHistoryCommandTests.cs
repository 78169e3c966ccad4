using System.Globalization;
using System.Text.Json.Nodes;

namespace Baton.Cli.Tests.Messages;

/// <summary><c>baton history</c> keeps the message threads each ended session took part in, as sender or recipient.</summary>
public sealed class MessageHistoryCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";
    private const string Carol = "cccc3333-0000-4000-8000-000000000003";
    private const string Dave = "dddd4444-0000-4000-8000-000000000004";

    private readonly MessagesCliHarness _cli = new();

    public MessageHistoryCommandTests()
    {
        _cli.Session(Alice, "alice");
        _cli.Session(Bob, "bob");
        _cli.Session(Carol, "carol", project: "blog");
        _cli.Session(Dave, "dave");
    }

    [Fact]
    public void History_json_lists_each_ended_sessions_threads_with_their_size_span_and_others_whether_it_sent_or_received()
    {
        _cli.End(Dave);
        _cli.CurrentSessionId = Alice;
        var plan = Sent("send", "bob", "plan?");
        _cli.CurrentSessionId = Bob;
        Sent("reply", plan, "agreed");
        _cli.CurrentSessionId = null;
        var status = Sent("send", "carol", "status?");
        _cli.CurrentSessionId = Carol;
        Sent("reply", status, "green");
        _cli.CurrentSessionId = Alice;
        var deploy = Sent("broadcast", "deploy at noon");
        _cli.CurrentSessionId = null;
        _cli.End(Alice);
        _cli.End(Bob);
        _cli.GoneSessions.Add(Carol);
        _cli.Run("prune").ExitCode.ShouldBe(0);

        var history = _cli.Run("history", "--json");
        var table = _cli.Run("history");

        history.ExitCode.ShouldBe(0, history.Error);
        var sessions = JsonNode.Parse(history.Output)!.AsArray().ToDictionary(s => s!["session_id"]!.GetValue<string>(), s => s!);
        sessions.Keys.ShouldBe([Alice, Bob, Carol, Dave], ignoreOrder: true);
        sessions[Carol]["end_reason"]!.GetValue<string>().ShouldBe("pruned", "pruning moved Carol to history and kept her messages");
        Threads(sessions[Alice]).ShouldBe([(plan, 2, Bob), (deploy, 1, $"{Bob} {Carol}")]);
        Threads(sessions[Bob]).ShouldBe([(plan, 2, Alice), (deploy, 1, $"{Alice} {Carol}")]);
        Threads(sessions[Carol]).ShouldBe([(status, 2, "human"), (deploy, 1, $"{Alice} {Bob}")]);
        Threads(sessions[Dave]).ShouldBeEmpty();
        var thread = sessions[Alice]["threads"]![0]!.AsObject();
        thread.Select(p => p.Key).ShouldBe(["thread_id", "messages", "first_at", "last_at", "with"]);
        thread["first_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        string.CompareOrdinal(thread["first_at"]!.GetValue<string>(), thread["last_at"]!.GetValue<string>()).ShouldBeLessThanOrEqualTo(0);
        table.ExitCode.ShouldBe(0, table.Error);
        table.Output.ShouldMatch(@"ID +NAME +PROJECT +BRANCH +START +END +DURATION +ENDED +THREADS +TASK");
        table.Output.ShouldMatch(@"aaaa1111 +alice .* prompt_input_exit +2 ");
        table.Output.ShouldMatch(@"dddd4444 +dave .* prompt_input_exit +- ");
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>Sends with a command's <c>--json</c> and gives the message id.</summary>
    private string Sent(params string[] args)
    {
        var result = _cli.Run([.. args, "--json"]);
        result.ExitCode.ShouldBe(0, result.Error);
        return JsonNode.Parse(result.Output)!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A session's threads as (thread id, messages, the others sorted and joined by spaces).</summary>
    private static List<(string, int, string)> Threads(JsonNode session) =>
        [.. session["threads"]!.AsArray().Select(t => (
            t!["thread_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            t["messages"]!.GetValue<int>(),
            string.Join(' ', t["with"]!.AsArray().Select(w => w!.GetValue<string>()).Order(StringComparer.Ordinal))))];
}
