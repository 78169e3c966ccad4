using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>enqueue, claim_next, complete, release, list_queue through the SDK's client.</summary>
public sealed class QueueToolsTests : McpTestBase
{
    [Fact]
    public async Task Parallel_claim_next_by_two_sessions_gives_each_item_to_exactly_one_of_them()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        for (var i = 0; i < 20; i++)
        {
            await a.CallJsonAsync("enqueue", new { queue = "tests", item = new { file = $"f{i}.cs" } });
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? a : b).CallJsonAsync("claim_next", new { queue = "tests" })));

        var claimed = claims.Where(c => c["claimed"]!.GetValue<bool>()).Select(c => c["item"]!).ToList();
        claimed.Count.ShouldBe(20);
        claimed.Select(i => i["id"]!.GetValue<long>()).Distinct().Count().ShouldBe(20);
        claims.Count(c => !c["claimed"]!.GetValue<bool>()).ShouldBe(4);
        claimed.ShouldAllBe(i => i["status"]!.GetValue<string>() == "claimed");
        var list = await a.CallJsonAsync("list_queue", new { queue = "tests", status = "claimed" });
        var byClaimer = list["items"]!.AsArray().GroupBy(i => i!["claimer"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        (byClaimer.GetValueOrDefault(SessionA) + byClaimer.GetValueOrDefault(SessionB)).ShouldBe(20);
        byClaimer.Keys.ShouldBeSubsetOf([SessionA, SessionB]);
    }

    [Fact]
    public async Task An_item_is_completed_or_released_only_by_its_claimer()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var enqueued = await a.CallJsonAsync("enqueue", new { queue = "work", item = "first", priority = 5 });
        await a.CallJsonAsync("enqueue", new { queue = "work", item = "second" });
        enqueued["status"]!.GetValue<string>().ShouldBe("pending");
        enqueued["enqueued_by"]!.GetValue<string>().ShouldBe(SessionA);

        var claim = (await a.CallJsonAsync("claim_next", new { queue = "work", lease_seconds = 120 }))["item"]!;
        claim["item"]!.GetValue<string>().ShouldBe("first", "the higher priority comes first");
        claim["claimer"]!.GetValue<string>().ShouldBe(SessionA);
        var id = claim["id"]!.GetValue<long>();

        var refused = await b.CallErrorAsync("complete", new { queue = "work", item_id = id });
        refused.ShouldContain($"is not claimed by {SessionB}");
        refused.ShouldContain($"it is claimed by {SessionA} until");

        var released = await a.CallJsonAsync("release", new { queue = "work", item_id = id });
        released["status"]!.GetValue<string>().ShouldBe("pending");
        var again = (await b.CallJsonAsync("claim_next", new { queue = "work" }))["item"]!;
        again["id"]!.GetValue<long>().ShouldBe(id);
        var done = await b.CallJsonAsync("complete", new { queue = "work", item_id = id, result = new JsonObject { ["passed"] = 12 } });
        done["status"]!.GetValue<string>().ShouldBe("done");
        done["result"]!["passed"]!.GetValue<int>().ShouldBe(12);
        (await a.CallJsonAsync("list_queue", new { queue = "work", status = "done" }))["items"]!.AsArray().Single()!["claimer"]!.GetValue<string>().ShouldBe(SessionB);
        (await a.CallJsonAsync("list_queue", new { queue = "work" }))["count"]!.GetValue<int>().ShouldBe(2);
        (await a.CallErrorAsync("complete", new { queue = "work", item_id = 9999 })).ShouldContain("has no item 9999");
    }

    [Fact]
    public async Task Claim_next_on_an_empty_queue_says_nothing_is_pending()
    {
        var a = await ServerAsync(SessionA);

        var answer = await a.CallJsonAsync("claim_next", new { queue = "empty" });

        answer["claimed"]!.GetValue<bool>().ShouldBeFalse();
        answer["message"]!.GetValue<string>().ShouldBe("No pending item in queue 'empty'.");
    }
}
