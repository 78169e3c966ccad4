using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Mcp.Hosting;

namespace Baton.Mcp.Tests;

/// <summary>What a model gets wrong comes back as a tool error saying what was wrong and what is allowed, and nothing is stored.</summary>
public sealed class BadInputTests : McpTestBase
{
    [Fact]
    public async Task A_value_over_256_KiB_is_refused_with_the_limit_and_nothing_is_stored()
    {
        var a = await ServerAsync(SessionA);

        var error = await a.CallErrorAsync("store_data", new { scope = "big", key = "blob", value = new string('x', 256 * 1024) });
        var item = await a.CallErrorAsync("enqueue", new { queue = "big", item = new string('x', 300 * 1024) });

        error.ShouldContain("at most 262144 bytes (256 KiB) are allowed");
        item.ShouldContain("The item is");
        NothingWrittenBy(SessionA, "state.set", "queue.enqueued");
        (await a.CallErrorAsync("retrieve_data", new { scope = "big" })).ShouldContain("holds no keys");
    }

    [Theory]
    [InlineData("store_data", """{"scope": "has space", "key": "k", "value": 1}""", "'has space' is not a valid scope")]
    [InlineData("store_data", """{"scope": "s", "key": "", "value": 1}""", "A key is required")]
    [InlineData("store_data", """{"scope": "s", "key": "k\n", "value": 1}""", "is not a valid key")]
    [InlineData("acquire_lock", """{"resource": "deploy now", "ttl_seconds": 10}""", "is not a valid resource")]
    [InlineData("enqueue", """{"queue": "q|x", "item": 1}""", "is not a valid queue")]
    [InlineData("log_event", """{"type": "de ploy", "message": "m"}""", "is not a valid event type")]
    [InlineData("list_scopes", """{"pattern": "issue:[1]"}""", "is not a valid scope pattern")]
    public async Task Invalid_names_are_refused_with_what_is_allowed(string tool, string arguments, string expected)
    {
        var a = await ServerAsync(SessionA);

        var error = await a.CallErrorAsync(tool, JsonNode.Parse(arguments));

        error.ShouldContain(expected);
        error.ShouldContain("letters, digits");
        NothingWrittenBy(SessionA, "state.set", "lock.acquired", "queue.enqueued", "event.*");
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_refused_with_its_length()
    {
        var a = await ServerAsync(SessionA);

        (await a.CallErrorAsync("store_data", new { scope = new string('s', 201), key = "k", value = 1 })).ShouldContain("(it has 201)");
    }

    [Theory]
    [InlineData("""{"resource": "r", "ttl_seconds": -5}""", "A ttl of -5 s is out of range: use 1 s to 86400 s")]
    [InlineData("""{"resource": "r", "ttl_seconds": 0}""", "A ttl of 0 s is out of range")]
    [InlineData("""{"resource": "r", "ttl_seconds": 90000}""", "A ttl of 90000 s is out of range")]
    [InlineData("""{"resource": "r", "ttl_seconds": 10, "wait_seconds": -1}""", "A wait of -1 s is out of range: use 0 to 300 s")]
    [InlineData("""{"resource": "r", "ttl_seconds": 1e300}""", "ttl_seconds must be a number of seconds")]
    public async Task Negative_or_huge_durations_are_refused_and_no_lock_is_taken(string arguments, string expected)
    {
        var a = await ServerAsync(SessionA);

        (await a.CallErrorAsync("acquire_lock", JsonNode.Parse(arguments))).ShouldContain(expected);

        (await a.CallJsonAsync("list_locks"))["count"]!.GetValue<int>().ShouldBe(0);
        (await a.CallErrorAsync("claim_next", new { queue = "q", lease_seconds = -1 })).ShouldContain("A lease of -1 s is out of range");
        (await a.CallErrorAsync("store_data", new { scope = "s", key = "k", value = 1, expected_version = -1 })).ShouldContain("An expected version of -1 is not allowed");
    }

    [Fact]
    public async Task Arguments_of_the_wrong_type_or_missing_are_tool_errors_and_nothing_is_stored()
    {
        var a = await ServerAsync(SessionA);

        var wrongType = await a.CallErrorAsync("store_data", JsonNode.Parse("""{"scope": "s", "key": "k", "value": 1, "expected_version": "one"}"""));
        var missing = await a.CallErrorAsync("store_data", new { scope = "s", key = "k" });
        var missingTtl = await a.CallErrorAsync("acquire_lock", new { resource = "r" });

        wrongType.ShouldContain("The arguments of 'store_data' are not valid");
        missing.ShouldContain("missing a value for the required parameter 'value'");
        missingTtl.ShouldContain("'ttl_seconds'");
        NothingWrittenBy(SessionA, "state.set", "lock.acquired");
    }

    [Fact]
    public async Task A_malformed_json_value_is_answered_with_a_parse_error_and_nothing_is_stored()
    {
        var a = await ServerAsync(SessionA, connect: false);
        var rpc = new RawJsonRpc(a.ServerInput, a.ServerOutput);
        await rpc.InitializeAsync();

        var malformed = await rpc.RequestAsync(7, """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"store_data","arguments":{"scope":"s","key":"k","value":{bad json}}}}""");
        var after = await rpc.RequestAsync(8, """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"retrieve_data","arguments":{"scope":"s","key":"k"}}}""");

        malformed["error"]!["code"]!.GetValue<int>().ShouldBe(-32700);
        after["result"]!["content"]![0]!["text"]!.GetValue<string>().ShouldContain("\"exists\":false");
        NothingWrittenBy(SessionA, "state.set");
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_says_trying_again_will_not_help_and_names_baton_doctor_without_paths_or_stack_traces()
    {
        var blocker = Root.Combine("not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where Baton's home should be");
        var a = await ServerAsync(SessionA, o => o with { Home = new BatonHome(blocker), Stores = StoresOf(new BatonHome(blocker)) });

        var error = await a.CallErrorAsync("store_data", new { scope = "s", key = "k", value = 1 });

        error.ShouldEndWith(McpRuntime.StoreBrokenMessage);
        error.ShouldContain("baton doctor");
        error.ShouldNotContain(blocker);
        error.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task A_damaged_store_file_says_trying_again_will_not_help()
    {
        Home.EnsureCreated();
        await File.WriteAllTextAsync(Home.DatabasePath, new string('x', 8192));
        var a = await ServerAsync(SessionA);

        var error = await a.CallErrorAsync("store_data", new { scope = "s", key = "k", value = 1 });

        error.ShouldEndWith(McpRuntime.StoreBrokenMessage);
        error.ShouldNotContain(Home.DatabasePath);
    }

    [Fact]
    public async Task A_store_held_by_another_writer_past_the_wait_says_busy_try_again_and_the_next_call_passes()
    {
        var a = await ServerAsync(SessionA);
        await a.CallJsonAsync("store_data", new { scope = "s", key = "k", value = 1 });
        string error;
        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Home.DatabasePath};Pooling=False"))
        {
            holder.Open();
            using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();

            // Held past the server's wait for the write lock (SqliteTransactions.BusyLimit, 10 s).
            error = await a.CallErrorAsync("store_data", new { scope = "s", key = "k", value = 2 });
        }

        var after = await a.CallJsonAsync("store_data", new { scope = "s", key = "k", value = 3 });

        error.ShouldEndWith(McpRuntime.StoreBusyMessage);
        error.ShouldContain("Try again in a moment");
        after["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task An_unexpected_failure_reaches_the_model_as_the_generic_error_and_its_details_go_to_batons_log()
    {
        var a = await ServerAsync(SessionA);
        await a.CallJsonAsync("store_data", new { scope = "s", key = "k", value = 1 });
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Home.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var corrupt = connection.CreateCommand();
            corrupt.CommandText = "UPDATE state SET value = '{not json' WHERE scope = 's' AND key = 'k'";
            corrupt.ExecuteNonQuery().ShouldBe(1);
        }

        var error = await a.CallErrorAsync("retrieve_data", new { scope = "s", key = "k" });

        error.ShouldBe("An error occurred invoking 'retrieve_data'.");
        (await File.ReadAllTextAsync(Home.LogPath)).ShouldContain("mcp retrieve_data: System.Text.Json.JsonReaderException");
    }

    /// <summary>No journal entry of these types (globs) was written by the actor, apart from its sign-on.</summary>
    private void NothingWrittenBy(string actor, params string[] types)
    {
        using var store = OpenStore();
        var entries = store.ReadJournal(0, 10_000)
            .Where(e => e.Actor == actor && e.Subject != $"scope:session:{actor}")
            .Where(e => types.Any(t => t.EndsWith('*') ? e.Type.StartsWith(t[..^1], StringComparison.Ordinal) : e.Type == t))
            .Select(e => $"{e.Type} {e.Subject}")
            .ToList();
        entries.ShouldBeEmpty();
    }
}
