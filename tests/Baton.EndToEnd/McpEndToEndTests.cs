using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Storage.Sqlite;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Baton's MCP server end to end: the real claude CLI in print mode starts the real <c>baton mcp</c> from an
/// <c>--mcp-config</c> file, and the scripted model calls its tools; the store then shows claude's session as the writer,
/// claimer and holder, and the model saw each tool's result.
/// </summary>
public sealed class McpEndToEndTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();

    public McpEndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Claude_calls_store_data_claim_next_and_acquire_lock_as_its_own_session()
    {
        // Given a queue with two items, a running resident server, and a config that gives claude Baton's MCP server as
        // `baton mcp install` registers it: the relay, which opens its session on the server (its own fallback is /bin/false
        // here, so only the server can answer)
        var project = _sandbox.CreateDirectory("shop");
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            coordinator.Enqueue("tasks", """{"file": "src/a.cs"}""", "human");
            coordinator.Enqueue("tasks", """{"file": "src/b.cs"}""", "human");
        }

        await using var server = await ResidentServerProcess.StartAsync(_sandbox);
        var config = Path.Combine(_sandbox.Root, "mcp.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["baton"] = new JsonObject
                {
                    ["command"] = BatonCli.RelayPath,
                    ["args"] = new JsonArray("--baton", "/bin/false", "mcp"),
                    ["env"] = new JsonObject { ["BATON_HOME"] = _sandbox.BatonHome },
                },
            },
        }.ToJsonString());
        await using var model = await ScriptedModelServer.StartAsync(
            [
                ModelStep.ToolUse("mcp__baton__store_data", new JsonObject { ["scope"] = "issue:42", ["key"] = "plan", ["value"] = new JsonObject { ["steps"] = new JsonArray("test", "ship") } }),
                ModelStep.ToolUse("mcp__baton__claim_next", new JsonObject { ["queue"] = "tasks", ["lease_seconds"] = 600 }),
                ModelStep.ToolUse("mcp__baton__acquire_lock", new JsonObject { ["resource"] = "deploy", ["ttl_seconds"] = 600, ["reason"] = "shipping issue 42" }),
                ModelStep.Text("Done."),
            ],
            _output.WriteLine);
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _sandbox.Home)) { ["BATON_HOME"] = _sandbox.BatonHome };

        // When claude runs the turn in print mode
        var result = await ClaudeCli.RunPrintAsync(
            "Plan issue 42, take a task and the deploy lock.",
            project,
            environment,
            ["--mcp-config", config, "--allowedTools", "mcp__baton__store_data,mcp__baton__claim_next,mcp__baton__acquire_lock"],
            TimeSpan.FromSeconds(120));

        // Then the store shows claude's session as the writer, the claimer and the holder
        result.EnsureSuccess("claude -p");
        _output.WriteLine(result.StdOut);
        var sessionId = JsonNode.Parse(result.StdOut)!["session_id"]!.GetValue<string>();
        using (var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db")))
        {
            var plan = store.GetState("issue:42", "plan").ShouldNotBeNull("store_data wrote the plan");
            plan.Writer.ShouldBe(sessionId);
            JsonNode.Parse(plan.ValueJson)!["steps"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["test", "ship"]);
            var claimed = store.ListQueue("tasks", QueueItemStatus.Claimed, 10).ShouldHaveSingleItem();
            claimed.Claimer.ShouldBe(sessionId);
            claimed.ItemJson.ShouldContain("src/a.cs");
            var held = store.GetLock("deploy").ShouldNotBeNull("acquire_lock took the lock");
            held.Holder.ShouldBe(sessionId);
            held.Reason.ShouldBe("shipping issue 42");
        }

        // And the model saw each tool's result in its next request
        var tools = (await model.WaitForRequestAsync(r => r.HasTools, TimeSpan.FromSeconds(5))).ToolNames;
        tools.ShouldContain("mcp__baton__store_data");
        tools.ShouldContain("mcp__baton__events");
        LastToolResult(await model.WaitForRequestAsync(r => r.ToolResultCount == 1, TimeSpan.FromSeconds(5))).ShouldContain($"\"writer\":\"{sessionId}\"");
        var claim = LastToolResult(await model.WaitForRequestAsync(r => r.ToolResultCount == 2, TimeSpan.FromSeconds(5)));
        claim.ShouldContain("\"claimed\":true");
        claim.ShouldContain("src/a.cs");
        var lockResult = LastToolResult(await model.WaitForRequestAsync(r => r.ToolResultCount == 3, TimeSpan.FromSeconds(5)));
        lockResult.ShouldContain("\"acquired\":true");
        lockResult.ShouldContain($"\"holder\":\"{sessionId}\"");
    }

    public void Dispose()
    {
        BatonDiagnostics.Write(_output, _sandbox.BatonHome);
        _sandbox.Dispose();
    }

    /// <summary>The text of the last <c>tool_result</c> block of a Messages API request.</summary>
    private static string LastToolResult(RecordedRequest request)
    {
        var block = request.Json!["messages"]!.AsArray()
            .SelectMany(m => m?["content"] as JsonArray ?? [])
            .Last(b => b?["type"]?.GetValue<string>() == "tool_result")!;
        return block["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
            _ => "",
        };
    }
}
