using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Mcp.Hosting;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>
/// Baton's MCP server spoken to in raw JSON-RPC lines, as a careless or hostile client could, both ways it runs: the real
/// <c>baton mcp</c>, and <c>baton-relay … mcp</c> to the real resident server. A line far over the size cap, lines that are
/// not JSON, tool calls before <c>initialize</c>; and a client that goes away while a call still waits.
/// </summary>
public sealed class StdioProtocolTests : IAsyncLifetime
{
    private const string Direct = "baton mcp";
    private const string Relayed = "relay to the server";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private BatonMcpProcess? _server;

    [Theory]
    [InlineData(Direct)]
    [InlineData(Relayed)]
    public async Task A_100_MB_line_is_refused_naming_the_cap_without_being_held_and_the_server_answers_the_next_request(string route)
    {
        var server = await StartAsync(route);
        await server.Rpc.InitializeAsync();
        (await server.Rpc.CallAsync(2, "store_data", """{"scope":"warm","key":"up","value":1}"""))["result"].ShouldNotBeNull();
        var before = server.Pids.ToDictionary(pid => pid, BatonMcpProcess.ResidentKiB);

        // As Claude Code writes a request: the id last, so it cannot be read before the cap.
        await server.Rpc.SendLongAsync("""{"jsonrpc":"2.0","method":"tools/call","params":{"name":"store_data","arguments":{"scope":"big","key":"blob","value":" """, 100_000_000, "\"}},\"id\":3}");
        var refused = await server.Rpc.AnswerAsync(null);
        var after = server.Pids.ToDictionary(pid => pid, BatonMcpProcess.ResidentKiB);
        var next = await server.Rpc.RequestAsync(4, """{"jsonrpc":"2.0","id":4,"method":"ping"}""");

        refused["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        refused["error"]!["message"]!.GetValue<string>().ShouldContain($"at most {JsonRpcInput.MaxLineBytes} bytes (4 MiB)");
        next["result"].ShouldNotBeNull();
        foreach (var (pid, kib) in before)
        {
            // Held whole, the line would add at least its 100 MB (97,656 KiB); passed on in pieces, a process grows by its
            // buffers and what its collector has not yet taken back (the relay: +17 MB seen on a loaded machine).
            (after[pid] - kib).ShouldBeLessThan(100_000_000 / 1024 / 3, $"VmRSS of pid {pid}: {kib} KiB before the line, {after[pid]} KiB after");
        }

        using var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        store.GetState("big", "blob").ShouldBeNull();
    }

    [Fact]
    public async Task A_line_over_the_cap_whose_id_comes_first_is_refused_with_its_id()
    {
        var server = await StartAsync(Direct);
        await server.Rpc.InitializeAsync();

        await server.Rpc.SendLongAsync("""{"jsonrpc":"2.0","id":"big-one","method":"tools/call","params":{"name":"store_data","arguments":{"scope":"big","key":"blob","value":" """, JsonRpcInput.MaxLineBytes + 1, "\"}}}");
        var refused = await server.Rpc.AnswerAsync(JsonValue.Create("big-one"));
        var next = await server.Rpc.RequestAsync(5, """{"jsonrpc":"2.0","id":5,"method":"ping"}""");

        refused["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        next["result"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(Direct)]
    [InlineData(Relayed)]
    public async Task The_largest_legitimate_request_fits_under_the_cap(string route)
    {
        var server = await StartAsync(route);
        await server.Rpc.InitializeAsync();
        var text = new string('\u0001', CoordinationLimits.MaxValueBytes);
        var arguments = JsonSerializer.Serialize(new { subject = "big", next_steps = text, context = text });

        var answer = await server.Rpc.CallAsync(2, "handoff", arguments);

        arguments.Length.ShouldBeGreaterThan(3_000_000, "escaped, each text is six times as long on the wire");
        answer["error"].ShouldBeNull();
        answer["result"]!["isError"]?.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [InlineData(Direct)]
    [InlineData(Relayed)]
    public async Task Lines_that_are_not_a_json_object_get_an_error_with_a_null_id_and_the_server_goes_on(string route)
    {
        var server = await StartAsync(route);
        await server.Rpc.InitializeAsync();
        var errors = new List<JsonNode>();

        foreach (var line in (string[])["this is not json", """{"jsonrpc":"2.0","method":"tools/list""", "[1, 2]", "42"])
        {
            await server.Rpc.SendAsync(line);
            errors.Add((await server.Rpc.AnswerAsync(null))["error"]!);
        }

        var next = await server.Rpc.RequestAsync(2, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");

        errors.Select(e => e["code"]!.GetValue<int>()).ShouldBe([-32700, -32700, -32600, -32600]);
        errors[0]["message"]!.GetValue<string>().ShouldStartWith("Parse error: the line is not valid JSON");
        errors[2]["message"]!.GetValue<string>().ShouldContain("must be a JSON object");
        next["result"]!["tools"]!.AsArray().Count.ShouldBe(38);
    }

    [Theory]
    [InlineData(Direct)]
    [InlineData(Relayed)]
    public async Task Tool_calls_before_initialize_are_refused_and_run_nothing(string route)
    {
        var server = await StartAsync(route);
        var early = await server.Rpc.CallAsync(7, "store_data", """{"scope":"early","key":"k","value":1}""");
        var list = await server.Rpc.RequestAsync(8, """{"jsonrpc":"2.0","id":8,"method":"tools/list"}""");
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            store.GetState("early", "k").ShouldBeNull();
        }

        await server.Rpc.InitializeAsync();
        var later = await server.Rpc.CallAsync(9, "store_data", """{"scope":"early","key":"k","value":2}""");

        early["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        early["error"]!["message"]!.GetValue<string>().ShouldContain("'tools/call' was sent before the session was initialized; send 'initialize'");
        list["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        later["result"]!["isError"]?.GetValue<bool>().ShouldBeFalse();
        using var after = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        after.GetState("early", "k").ShouldNotBeNull().ValueJson.ShouldBe("2");
    }

    [Theory]
    [InlineData(Direct, "stdin is closed")]
    [InlineData(Direct, "nobody reads stdout")]
    [InlineData(Relayed, "stdin is closed")]
    public async Task The_server_ends_when_its_client_goes_away_even_while_a_call_still_waits(string route, string how)
    {
        var server = await StartAsync(route);
        await server.Rpc.InitializeAsync();
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            new Coordinator(store, TimeProvider.System).AcquireLock("deploy", TimeSpan.FromMinutes(10), "someone-else").Outcome.ShouldBe(LockOutcome.Acquired);
        }

        // Waits up to 300 s for the lock: the SDK alone waits for it before it stops, client or not.
        await server.Rpc.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"acquire_lock","arguments":{"resource":"deploy","ttl_seconds":60,"wait_seconds":300}}}""");
        if (how == "stdin is closed")
        {
            server.CloseInput();
        }
        else
        {
            server.CloseOutput();
            await server.Rpc.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        }

        await server.WaitForEndAsync(how);
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _sandbox.Dispose();
    }

    private async Task<BatonMcpProcess> StartAsync(string route) =>
        _server = await BatonMcpProcess.StartAsync(_sandbox, route == Relayed ? BatonMcpProcess.Route.RelayToServer : BatonMcpProcess.Route.BatonMcp);
}
