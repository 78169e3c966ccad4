using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>log_event and events through the SDK's client.</summary>
public sealed class EventToolsTests : McpTestBase
{
    [Fact]
    public async Task Logged_events_and_coordination_changes_are_read_back_from_the_journal()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);

        var logged = await a.CallJsonAsync("log_event", new { type = "deploy", message = "v1.2 to staging", metadata = new JsonObject { ["version"] = "1.2" } });
        await b.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 30 });
        await b.CallJsonAsync("log_event", new { type = "tests.failed", message = "3 failures" });

        logged["type"]!.GetValue<string>().ShouldBe("event.deploy");
        logged["actor"]!.GetValue<string>().ShouldBe(SessionA);
        var deploys = await b.CallJsonAsync("events", new { type = "deploy" });
        var entry = deploys["events"]!.AsArray().Single()!;
        entry["data"]!["message"]!.GetValue<string>().ShouldBe("v1.2 to staging");
        entry["data"]!["metadata"]!["version"]!.GetValue<string>().ShouldBe("1.2");
        (await a.CallJsonAsync("events", new { type = "lock.*" }))["events"]!.AsArray().Single()!["actor"]!.GetValue<string>().ShouldBe(SessionB);
        var byB = await a.CallJsonAsync("events", new { session = SessionB, type = "event.*" });
        byB["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["event.tests.failed"]);

        // Following along: since = the last sequence seen gives only what came after.
        var since = (await a.CallJsonAsync("events"))["last_sequence"]!.GetValue<long>();
        await b.CallJsonAsync("log_event", new { type = "note", message = "later" });
        var later = await a.CallJsonAsync("events", new { since });
        later["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["event.note"]);
        (await a.CallJsonAsync("events", new { since, limit = 1 }))["count"]!.GetValue<int>().ShouldBe(1);
    }
}
