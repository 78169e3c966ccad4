using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>The server's housekeeping releases the work of sessions that went silent, and keeps running.</summary>
public sealed class HousekeepingTests : McpTestBase
{
    [Fact]
    public async Task A_silent_sessions_lock_and_claim_are_released_by_another_servers_housekeeping()
    {
        // Given session B signed on (so the registry knows it), holding a lock and a claim, then silent
        var b = await ServerAsync(SessionB);
        await b.CallJsonAsync("sign_on", new { role = "worker" });
        await b.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 3600 });
        await b.CallJsonAsync("enqueue", new { queue = "q", item = "job" });
        await b.CallJsonAsync("claim_next", new { queue = "q", lease_seconds = 3600 });

        // When A's housekeeping runs with a heartbeat limit of 1 s
        var a = await ServerAsync(SessionA, o => o with { HeartbeatLimit = TimeSpan.FromSeconds(1), SweepInterval = TimeSpan.FromMilliseconds(200) });
        await Eventually.Until(async () => (await a.CallJsonAsync("list_locks"))["count"]!.GetValue<int>() == 0, TimeSpan.FromSeconds(30), "A's housekeeping releases B's lock");

        // Then the lock is free and the item pending again, each release journaled with A as the actor
        (await a.CallJsonAsync("list_locks"))["count"]!.GetValue<int>().ShouldBe(0);
        (await a.CallJsonAsync("list_queue", new { queue = "q", status = "pending" }))["count"]!.GetValue<int>().ShouldBe(1);
        var released = (await a.CallJsonAsync("events", new { type = "*.released" }))["events"]!.AsArray();
        released.Select(e => e!["type"]!.GetValue<string>()).Order().ShouldBe(["lock.released", "queue.released"]);
        released.ShouldAllBe(e => e!["actor"]!.GetValue<string>() == SessionA && e["data"]!["abandoned"]!.GetValue<bool>());
        // The sweep at start may already have found B silent on a loaded machine: wait for the next one instead of
        // assuming the release came from a later sweep.
        await Eventually.Until(() => a.Housekeeping.Sweeps > 1, TimeSpan.FromSeconds(30), "it sweeps at start and again every interval");
    }

    [Fact]
    public async Task A_sweep_that_cannot_reach_the_store_is_logged_and_the_server_keeps_answering()
    {
        var blocker = Root.Combine("file-not-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var a = await ServerAsync(SessionA, o => o with { Home = new Core.Home.BatonHome(blocker), Stores = StoresOf(new Core.Home.BatonHome(blocker)), SweepInterval = TimeSpan.FromMilliseconds(100) });

        a.Housekeeping.Sweep().ShouldBeEmpty();
        var swept = a.Housekeeping.Sweeps;

        await Eventually.Until(() => a.Housekeeping.Sweeps > swept, TimeSpan.FromSeconds(10), "the housekeeping sweeps again after a failed sweep");
        (await a.CallErrorAsync("whoami")).ShouldContain("run 'baton doctor'");
    }
}
