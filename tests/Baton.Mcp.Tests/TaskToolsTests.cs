using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>task_create, task_list, task_get, task_ready, task_claim, task_update, task_release, task_join through the SDK's client.</summary>
public sealed class TaskToolsTests : McpTestBase
{
    [Fact]
    public async Task Parallel_claims_of_the_next_ready_task_by_two_sessions_give_each_task_to_exactly_one_of_them()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        for (var i = 0; i < 10; i++)
        {
            await a.CallJsonAsync("task_create", new { list = "plan", subject = $"step {i}" });
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 14).Select(i => (i % 2 == 0 ? a : b).CallJsonAsync("task_claim", new { list = "plan" })));

        var claimed = claims.Where(c => c["claimed"]!.GetValue<bool>()).Select(c => c["task"]!).ToList();
        claimed.Select(t => t["id"]!.GetValue<long>()).Order().ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i));
        claims.Count(c => !c["claimed"]!.GetValue<bool>()).ShouldBe(4);
        claimed.Select(t => t["owner"]!.GetValue<string>()).ShouldBeSubsetOf([SessionA, SessionB]);
    }

    [Fact]
    public async Task Completing_a_blocker_makes_the_waiting_task_ready_and_only_the_owner_may_complete_it()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        var blocker = await a.CallJsonAsync("task_create", new { list = "plan", subject = "design the schema" });
        var waiting = await a.CallJsonAsync("task_create", new { list = "plan", subject = "write the migration", blocked_by = new[] { 1L }, priority = 5 });

        var readyBefore = await b.CallJsonAsync("task_ready", new { list = "plan" });
        var blocked = await b.CallErrorAsync("task_claim", new { list = "plan", id = 2 });
        (await a.CallJsonAsync("task_update", new { list = "plan", id = 1, status = "in_progress" }))["owner"]!.GetValue<string>().ShouldBe(SessionA);
        var notOwner = await b.CallErrorAsync("task_update", new { list = "plan", id = 1, status = "completed" });
        var done = await a.CallJsonAsync("task_update", new { list = "plan", id = 1, status = "completed", result = "schema.sql" });
        var readyAfter = await b.CallJsonAsync("task_ready", new { list = "plan" });
        var got = await b.CallJsonAsync("task_get", new { list = "plan", id = 2 });

        blocker["id"]!.GetValue<long>().ShouldBe(1);
        waiting["open_blockers"]!.AsArray().Single()!.GetValue<long>().ShouldBe(1);
        readyBefore["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldBe([1L]);
        blocked.ShouldContain("blocked by #1 'design the schema' (pending, unowned)");
        notOwner.ShouldContain($"it is owned by {SessionA}");
        done["status"]!.GetValue<string>().ShouldBe("completed");
        done["blocks"]!.AsArray().Single()!.GetValue<long>().ShouldBe(2);
        readyAfter["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<long>()).ShouldBe([2L]);
        got["ready"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_cycle_and_an_unknown_list_are_refused_with_a_message_the_model_can_act_on()
    {
        var a = await ServerAsync(SessionA);
        await a.CallJsonAsync("task_create", new { list = "plan", subject = "a" });
        await a.CallJsonAsync("task_create", new { list = "plan", subject = "b", blocked_by = new[] { 1L } });

        var cycle = await a.CallErrorAsync("task_update", new { list = "plan", id = 1, add_blocked_by = new[] { 2L } });
        var unknown = await a.CallErrorAsync("task_ready", new { list = "nope" });
        var released = await a.CallErrorAsync("task_release", new { list = "plan", id = 1 });

        cycle.ShouldContain("#1 -> #2 -> #1");
        unknown.ShouldContain("There is no task list 'nope'");
        released.ShouldContain("nobody owns it");
    }

    [Fact]
    public async Task Task_list_shows_the_sessions_working_the_list_and_what_they_own_and_a_session_can_join()
    {
        Home.EnsureCreated();
        using (var store = OpenStore())
        {
            Put(store, SessionA, "ay");
            Put(store, SessionB, "bee");
        }

        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        await a.CallJsonAsync("task_create", new { list = "plan", subject = "a" });
        await a.CallJsonAsync("task_claim", new { list = "plan", id = 1 });
        var joined = await b.CallJsonAsync("task_join", new { list = "plan" });

        var listed = await b.CallJsonAsync("task_list", new { list = "plan" });
        var mine = await a.CallJsonAsync("task_list", new { list = "plan", owner = "me" });
        var lists = await a.CallJsonAsync("task_list");
        var released = await a.CallJsonAsync("task_release", new { list = "plan", id = 1 });

        joined["task_list"]!.GetValue<string>().ShouldBe("plan");
        var sessions = listed["sessions"]!.AsArray();
        sessions.Select(s => s!["name"]!.GetValue<string>()).ShouldBe(["ay", "bee"]);
        sessions[0]!["owns"]!.AsArray().Single()!.GetValue<long>().ShouldBe(1);
        sessions[1]!["owns"]!.AsArray().ShouldBeEmpty();
        mine["count"]!.GetValue<int>().ShouldBe(1);
        lists["lists"]!.AsArray().Single()!["list"]!.GetValue<string>().ShouldBe("plan");
        released["owner"].ShouldBeNull();
    }
}
