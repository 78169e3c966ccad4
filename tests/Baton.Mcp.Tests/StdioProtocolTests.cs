using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Mcp.Hosting;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>
/// The real <c>baton mcp</c> spoken to in raw JSON-RPC lines, as a careless or hostile client could: a line far over the
/// size cap, lines that are not JSON, tool calls before <c>initialize</c>; and a client that goes away with a request still
/// running. The resident server serves MCP with the same screening and watch (<see cref="BatonMcpServer.WithClientStreams"/>).
/// </summary>
public sealed class StdioProtocolTests : IAsyncLifetime
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private BatonMcpProcess _server = null!;

    [Fact]
    public async Task A_100_MB_line_is_refused_naming_the_cap_without_being_held_and_the_server_answers_the_next_request()
    {
        await _server.Rpc.InitializeAsync();
        (await _server.Rpc.CallAsync(2, "store_data", """{"scope":"warm","key":"up","value":1}"""))["result"].ShouldNotBeNull();
        var before = _server.ResidentKiB;

        // As Claude Code writes a request: the id last, so it cannot be read before the cap.
        await _server.Rpc.SendLongAsync("""{"jsonrpc":"2.0","method":"tools/call","params":{"name":"store_data","arguments":{"scope":"big","key":"blob","value":" """, 100_000_000, "\"}},\"id\":3}");
        var refused = await _server.Rpc.AnswerAsync(null);
        var after = _server.ResidentKiB;
        var next = await _server.Rpc.RequestAsync(4, """{"jsonrpc":"2.0","id":4,"method":"ping"}""");

        refused["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        refused["error"]!["message"]!.GetValue<string>().ShouldContain($"at most {JsonRpcInput.MaxLineBytes} bytes (4 MiB)");
        next["result"].ShouldNotBeNull();
        after.ShouldBeLessThan(before * 2, $"VmRSS {before} KiB before the line, {after} KiB after");
        using var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        store.GetState("big", "blob").ShouldBeNull();
    }

    [Fact]
    public async Task A_line_over_the_cap_whose_id_comes_first_is_refused_with_its_id()
    {
        await _server.Rpc.InitializeAsync();

        await _server.Rpc.SendLongAsync("""{"jsonrpc":"2.0","id":"big-one","method":"tools/call","params":{"name":"store_data","arguments":{"scope":"big","key":"blob","value":" """, JsonRpcInput.MaxLineBytes + 1, "\"}}}");
        var refused = await _server.Rpc.AnswerAsync(JsonValue.Create("big-one"));
        var next = await _server.Rpc.RequestAsync(5, """{"jsonrpc":"2.0","id":5,"method":"ping"}""");

        refused["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        next["result"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_largest_legitimate_request_fits_under_the_cap()
    {
        await _server.Rpc.InitializeAsync();
        var text = new string('\u0001', CoordinationLimits.MaxValueBytes);
        var arguments = JsonSerializer.Serialize(new { subject = "big", next_steps = text, context = text });

        var answer = await _server.Rpc.CallAsync(2, "handoff", arguments);

        arguments.Length.ShouldBeGreaterThan(3_000_000, "escaped, each text is six times as long on the wire");
        answer["result"]!["isError"]?.GetValue<bool>().ShouldBeFalse();
        answer["error"].ShouldBeNull();
    }

    [Theory]
    [InlineData("this is not json", -32700, "Parse error: the line is not valid JSON")]
    [InlineData("""{"jsonrpc":"2.0","method":"tools/list""", -32700, "Parse error")]
    [InlineData("[1, 2]", -32600, "must be a JSON object")]
    [InlineData("42", -32600, "must be a JSON object")]
    public async Task A_line_that_is_not_a_json_object_gets_an_error_with_a_null_id_and_the_server_goes_on(string line, int code, string message)
    {
        await _server.Rpc.InitializeAsync();

        await _server.Rpc.SendAsync(line);
        var error = await _server.Rpc.AnswerAsync(null);
        var next = await _server.Rpc.RequestAsync(2, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");

        error["error"]!["code"]!.GetValue<int>().ShouldBe(code);
        error["error"]!["message"]!.GetValue<string>().ShouldContain(message);
        next["result"]!["tools"]!.AsArray().Count.ShouldBe(38);
    }

    [Fact]
    public async Task Tool_calls_before_initialize_are_refused_and_run_nothing()
    {
        var early = await _server.Rpc.CallAsync(7, "store_data", """{"scope":"early","key":"k","value":1}""");
        var list = await _server.Rpc.RequestAsync(8, """{"jsonrpc":"2.0","id":8,"method":"tools/list"}""");
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            store.GetState("early", "k").ShouldBeNull();
        }

        await _server.Rpc.InitializeAsync();
        var later = await _server.Rpc.CallAsync(9, "store_data", """{"scope":"early","key":"k","value":2}""");

        early["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        early["error"]!["message"]!.GetValue<string>().ShouldContain("'tools/call' was sent before the session was initialized; send 'initialize'");
        list["error"]!["code"]!.GetValue<int>().ShouldBe(-32600);
        later["result"]!["isError"]?.GetValue<bool>().ShouldBeFalse();
        using var after = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        after.GetState("early", "k").ShouldNotBeNull().ValueJson.ShouldBe("2");
    }

    [Theory]
    [InlineData("stdin is closed")]
    [InlineData("nobody reads stdout")]
    public async Task Baton_mcp_exits_when_its_client_goes_away_even_while_a_call_still_waits(string how)
    {
        await _server.Rpc.InitializeAsync();
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            new Coordinator(store, TimeProvider.System).AcquireLock("deploy", TimeSpan.FromMinutes(10), "someone-else").Outcome.ShouldBe(LockOutcome.Acquired);
        }

        // Waits up to 300 s for the lock: the SDK alone waits for it before it stops, client or not.
        await _server.Rpc.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"acquire_lock","arguments":{"resource":"deploy","ttl_seconds":60,"wait_seconds":300}}}""");
        if (how == "stdin is closed")
        {
            _server.CloseInput();
        }
        else
        {
            _server.CloseOutput();
            await _server.Rpc.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        }

        await _server.WaitForExitAsync(how);
    }

    /// <inheritdoc/>
    public Task InitializeAsync()
    {
        _server = BatonMcpProcess.Start(_sandbox);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }
}
