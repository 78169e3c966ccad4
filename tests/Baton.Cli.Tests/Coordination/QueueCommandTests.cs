using System.Text.Json.Nodes;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Coordination;

public sealed class QueueCommandTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";

    private readonly CoordinationCliHarness _cli = new();

    [Fact]
    public void Claim_takes_the_highest_priority_first_then_the_oldest_and_an_empty_queue_exits_1()
    {
        _cli.Run("queue", "add", "jobs", """{"n": 1}""").ExitCode.ShouldBe(0);
        _cli.Run("queue", "add", "jobs", """{"n": 2}""", "--priority", "5");
        _cli.Run("queue", "add", "jobs", """{"n": 3}""");

        var order = Enumerable.Range(0, 3)
            .Select(_ => JsonNode.Parse(_cli.Run("queue", "claim", "jobs", "--json").Output)!["item"]!["n"]!.GetValue<int>())
            .ToList();
        var empty = _cli.Run("queue", "claim", "jobs");
        var emptyJson = _cli.Run("queue", "claim", "jobs", "--json");

        order.ShouldBe([2, 1, 3]);
        empty.ExitCode.ShouldBe(1);
        empty.Error.ShouldContain("Queue 'jobs' has no pending item");
        emptyJson.ExitCode.ShouldBe(1);
        emptyJson.Output.Trim().ShouldBe("null");
    }

    [Fact]
    public void Done_by_anyone_but_the_claimer_exits_1_naming_the_claimer_and_the_claimer_completes_it_with_a_result()
    {
        var added = JsonNode.Parse(_cli.Run("queue", "add", "jobs", "\"build\"", "--json").Output)!;
        var id = added["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.CurrentSessionId = Alice;
        var claimed = _cli.Run("queue", "claim", "jobs", "--lease", "60");
        _cli.CurrentSessionId = Bob;

        var refused = _cli.Run("queue", "done", "jobs", id);
        _cli.CurrentSessionId = Alice;
        var done = JsonNode.Parse(_cli.Run("queue", "done", "jobs", id, "--result", """{"ok": true}""", "--json").Output)!;

        added.AsObject().Select(p => p.Key).ShouldBe(
            ["id", "queue", "item", "priority", "status", "enqueued_by", "enqueued_at", "claimer", "claimed_at", "lease_expires_at", "attempts", "completed_at", "result"]);
        claimed.Output.ShouldStartWith($"Claimed item {id} of queue 'jobs' until ");
        claimed.Output.ShouldContain("\"build\"");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain($"claimed by {Alice}");
        refused.Error.TrimEnd().ShouldNotContain("\n");
        done["status"]!.GetValue<string>().ShouldBe("done");
        done["result"]!["ok"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Release_returns_an_item_and_ls_filters_by_status()
    {
        _cli.Run("queue", "add", "jobs", "1");
        _cli.Run("queue", "add", "jobs", "2");
        _cli.Run("queue", "claim", "jobs");
        _cli.Run("queue", "claim", "jobs");
        var released = _cli.Run("queue", "release", "jobs", "1");

        var pending = JsonNode.Parse(_cli.Run("queue", "ls", "jobs", "--status", "pending", "--json").Output)!.AsArray();
        var claimed = JsonNode.Parse(_cli.Run("queue", "ls", "jobs", "--status", "claimed", "--json").Output)!.AsArray();
        var bogus = _cli.Run("queue", "ls", "jobs", "--status", "lost");

        released.ExitCode.ShouldBe(0, released.Error);
        pending.Select(i => i!["id"]!.GetValue<long>()).ShouldBe([1L]);
        claimed.Select(i => i!["id"]!.GetValue<long>()).ShouldBe([2L]);
        claimed[0]!["claimer"]!.GetValue<string>().ShouldBe("human");
        bogus.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Another_sessions_claim_is_released_only_with_force_and_the_journal_names_who_forced_it()
    {
        _cli.Run("queue", "add", "jobs", "1");
        _cli.CurrentSessionId = Alice;
        _cli.Run("queue", "claim", "jobs");
        _cli.CurrentSessionId = null;

        var refused = _cli.Run("queue", "release", "jobs", "1");
        var forced = _cli.Run("queue", "release", "jobs", "1", "--force");
        var entry = JsonNode.Parse(_cli.Run("events", "--type", "queue.released", "--json").Output)!.AsArray().Single()!;

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain($"claimed by {Alice}");
        forced.ExitCode.ShouldBe(0, forced.Error);
        entry["actor"]!.GetValue<string>().ShouldBe("human");
        entry["data"]!["claimer"]!.GetValue<string>().ShouldBe(Alice);
        entry["data"]!["forced"]!.GetValue<bool>().ShouldBeTrue();
        entry["origin"]!.GetValue<string>().ShouldBe(ThisProcess.Origin, "and the OS user, host and process that did");
    }

    [Fact]
    public void An_unknown_item_is_bad_input_and_malformed_json_is_refused()
    {
        var unknown = _cli.Run("queue", "done", "jobs", "77");
        var malformed = _cli.Run("queue", "add", "jobs", "{\"a\": ");

        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("has no item 77");
        malformed.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Plain_text_is_added_as_a_json_string_and_json_stays_json()
    {
        var word = _cli.Run("queue", "add", "jobs", "fix-login", "--json");
        var sentence = _cli.Run("queue", "add", "jobs", "fix the login page", "--json");
        var number = _cli.Run("queue", "add", "jobs", "42", "--json");

        word.ExitCode.ShouldBe(0, word.Error);
        JsonNode.Parse(word.Output)!["item"]!.GetValue<string>().ShouldBe("fix-login");
        JsonNode.Parse(sentence.Output)!["item"]!.GetValue<string>().ShouldBe("fix the login page");
        JsonNode.Parse(number.Output)!["item"]!.GetValue<int>().ShouldBe(42);
    }

    [Fact]
    public void Ls_without_a_queue_lists_the_queues_with_their_counts()
    {
        var none = _cli.Run("queue", "ls");
        _cli.Run("queue", "add", "jobs", "a").ExitCode.ShouldBe(0);
        _cli.Run("queue", "add", "jobs", "b").ExitCode.ShouldBe(0);
        _cli.Run("queue", "add", "builds", "c").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = "aaaa1111-0000-4000-8000-000000000001";
        _cli.Run("queue", "claim", "jobs").ExitCode.ShouldBe(0);

        var text = _cli.Run("queue", "ls");
        var json = JsonNode.Parse(_cli.Run("queue", "ls", "--json").Output)!.AsArray();

        none.ExitCode.ShouldBe(0);
        none.Output.ShouldContain("No queues");
        text.ExitCode.ShouldBe(0, text.Error);
        text.Output.ShouldContain("QUEUE");
        text.Output.ShouldContain("builds");
        json.Select(q => q!["queue"]!.GetValue<string>()).ShouldBe(["builds", "jobs"]);
        json[1]!.AsObject().Select(p => p.Key).ShouldBe(["queue", "pending", "claimed", "done"]);
        json[1]!["pending"]!.GetValue<int>().ShouldBe(1);
        json[1]!["claimed"]!.GetValue<int>().ShouldBe(1);
    }

    public void Dispose() => _cli.Dispose();
}
