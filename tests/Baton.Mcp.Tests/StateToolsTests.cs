using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>store_data, retrieve_data, delete_data, list_scopes, delete_scope through the SDK's client.</summary>
public sealed class StateToolsTests : McpTestBase
{
    [Fact]
    public async Task Values_of_every_json_kind_round_trip_with_version_writer_and_time()
    {
        var a = await ServerAsync(SessionA);

        var stored = await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "plan", value = new { steps = new[] { "a", "b" }, done = false } });
        await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "owner", value = "alice" });
        await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "count", value = 7 });
        await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "nothing", value = (object?)null });

        stored["version"]!.GetValue<long>().ShouldBe(1);
        stored["writer"]!.GetValue<string>().ShouldBe(SessionA);
        stored["updated_at"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        var one = await a.CallJsonAsync("retrieve_data", new { scope = "issue:42", key = "plan" });
        one["exists"]!.GetValue<bool>().ShouldBeTrue();
        one["value"]!.ToJsonString().ShouldBe("""{"steps":["a","b"],"done":false}""");
        one["writer"]!.GetValue<string>().ShouldBe(SessionA);
        var scope = await a.CallJsonAsync("retrieve_data", new { scope = "issue:42" });
        scope["keys"]!.GetValue<int>().ShouldBe(4);
        scope["entries"]!.AsArray().Select(e => e!["key"]!.GetValue<string>()).ShouldBe(["count", "nothing", "owner", "plan"]);
        scope["entries"]![1]!["value"].ShouldBeNull();
        (await a.CallJsonAsync("retrieve_data", new { scope = "issue:42", key = "absent" }))["exists"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Keys_and_scopes_are_listed_by_glob_and_deleted()
    {
        var a = await ServerAsync(SessionA);
        await a.CallJsonAsync("store_data", new { scope = "issue:1", key = "k", value = 1 });
        await a.CallJsonAsync("store_data", new { scope = "issue:2", key = "k", value = 2 });
        await a.CallJsonAsync("store_data", new { scope = "issue:2", key = "j", value = 3 });
        await a.CallJsonAsync("store_data", new { scope = "team", key = "k", value = 4 });

        var issues = await a.CallJsonAsync("list_scopes", new { pattern = "issue:*" });
        issues["scopes"]!.AsArray().Select(s => (s!["scope"]!.GetValue<string>(), s["keys"]!.GetValue<int>())).ShouldBe([("issue:1", 1), ("issue:2", 2)]);

        (await a.CallJsonAsync("delete_data", new { scope = "issue:2", key = "j" }))["deleted"]!.GetValue<bool>().ShouldBeTrue();
        (await a.CallJsonAsync("delete_data", new { scope = "issue:2", key = "j" }))["deleted"]!.GetValue<bool>().ShouldBeFalse();
        (await a.CallJsonAsync("delete_scope", new { scope = "issue:2" }))["deleted_keys"]!.GetValue<int>().ShouldBe(1);
        (await a.CallErrorAsync("delete_scope", new { scope = "issue:2" })).ShouldContain("The scope 'issue:2' holds no keys");
        (await a.CallErrorAsync("retrieve_data", new { scope = "issue:2" })).ShouldContain("The scope 'issue:2' holds no keys (see list_scopes)");
        (await a.CallJsonAsync("list_scopes"))["scopes"]!.AsArray().Select(s => s!["scope"]!.GetValue<string>()).ShouldContain("team");
    }

    [Fact]
    public async Task A_stale_compare_and_set_is_refused_naming_the_current_version_and_writer_and_changes_nothing()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);
        await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "plan", value = "first" });
        await b.CallJsonAsync("store_data", new { scope = "issue:42", key = "plan", value = "second", expected_version = 1 });

        var error = await a.CallErrorAsync("store_data", new { scope = "issue:42", key = "plan", value = "stale", expected_version = 1 });

        error.ShouldContain("Version conflict");
        error.ShouldContain("is at version 2");
        error.ShouldContain($"written by {SessionB}");
        error.ShouldContain("retry with expected_version 2");
        var current = await a.CallJsonAsync("retrieve_data", new { scope = "issue:42", key = "plan" });
        current["value"]!.GetValue<string>().ShouldBe("second");
        current["version"]!.GetValue<long>().ShouldBe(2);
        (await a.CallJsonAsync("store_data", new { scope = "issue:42", key = "plan", value = "third", expected_version = 2 }))["version"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task Expected_version_zero_creates_only_a_key_that_does_not_exist()
    {
        var a = await ServerAsync(SessionA);
        var b = await ServerAsync(SessionB);

        (await a.CallJsonAsync("store_data", new { scope = "claims", key = "task-1", value = new JsonObject { ["by"] = "a" }, expected_version = 0 }))["version"]!.GetValue<long>().ShouldBe(1);
        var error = await b.CallErrorAsync("store_data", new { scope = "claims", key = "task-1", value = new JsonObject { ["by"] = "b" }, expected_version = 0 });

        error.ShouldContain("was expected not to exist but is at version 1");
        error.ShouldContain(SessionA);
    }
}
