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
    [Trait("Smoke", "oldest")]
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
        var config = await WriteMcpConfigAsync();
        ModelStep[] script =
        [
            ModelStep.ToolUse("mcp__baton__store_data", new JsonObject { ["scope"] = "issue:42", ["key"] = "plan", ["value"] = new JsonObject { ["steps"] = new JsonArray("test", "ship") } }),
            ModelStep.ToolUse("mcp__baton__claim_next", new JsonObject { ["queue"] = "tasks", ["lease_seconds"] = 600 }),
            ModelStep.ToolUse("mcp__baton__acquire_lock", new JsonObject { ["resource"] = "deploy", ["ttl_seconds"] = 600, ["reason"] = "shipping issue 42" }),
        ];
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(request => !request.ToolNames.Contains("mcp__baton__store_data")
            ? UntilTheServerIsConnected
            : script.ElementAtOrDefault(BatonCalls(request)) ?? ModelStep.Text("Done."));
        // (Tools loaded up front: whether a deferred tool is found is the next test's subject.)
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _sandbox.Home))
        {
            ["BATON_HOME"] = _sandbox.BatonHome,
            [ClaudeCli.ToolSearchVariable] = "false",
        };

        // When claude runs the turn in print mode
        var result = await ClaudeCli.RunPrintAsync(
            "Plan issue 42, take a task and the deploy lock.",
            project,
            environment,
            ["--mcp-config", config, "--allowedTools", "Bash,mcp__baton__store_data,mcp__baton__claim_next,mcp__baton__acquire_lock"],
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
        model.Requests.First(r => r.ToolNames.Contains("mcp__baton__store_data")).ToolNames.ShouldContain("mcp__baton__events");
        LastToolResult(AfterBatonCall(model, 1)).ShouldContain($"\"writer\":\"{sessionId}\"");
        var claim = LastToolResult(AfterBatonCall(model, 2));
        claim.ShouldContain("\"claimed\":true");
        claim.ShouldContain("src/a.cs");
        var lockResult = LastToolResult(AfterBatonCall(model, 3));
        lockResult.ShouldContain("\"acquired\":true");
        lockResult.ShouldContain($"\"holder\":\"{sessionId}\"");
    }

    [Theory]
    [InlineData("lock", "mcp__baton__acquire_lock")]
    [InlineData("claim", "mcp__baton__claim_next")]
    [InlineData("shared state", "mcp__baton__store_data")]
    [InlineData("queue", "mcp__baton__enqueue")]
    [InlineData("message", "mcp__baton__send_message")]
    public async Task A_tool_search_for_the_obvious_word_loads_the_baton_tool_for_the_next_request(string query, string tool)
    {
        // Given claude with Baton's MCP server and its tools deferred behind ToolSearch, as Claude Code 2.1.332 does when
        // MCP tools would take much of the context (forced here with ENABLE_TOOL_SEARCH)
        var project = _sandbox.CreateDirectory("shop");
        await using var server = await ResidentServerProcess.StartAsync(_sandbox);
        var config = await WriteMcpConfigAsync();
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        var searched = false;
        model.SetScript(request =>
        {
            if (searched)
            {
                return ModelStep.Text("Done.");
            }

            if (!request.Body.Contains("mcp__baton__", StringComparison.Ordinal))
            {
                return UntilTheServerIsConnected;
            }

            searched = true;
            return ModelStep.ToolUse("ToolSearch", new JsonObject { ["query"] = query });
        });
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _sandbox.Home))
        {
            ["BATON_HOME"] = _sandbox.BatonHome,
            [ClaudeCli.ToolSearchVariable] = "true",
        };

        // When the model searches for the word a person would use
        var result = await ClaudeCli.RunPrintAsync($"Use the {query}.", project, environment, ["--mcp-config", config, "--allowedTools", "Bash"], TimeSpan.FromSeconds(120));

        // Then the tool was deferred at first, the search found it among its first three, and the next request carries it
        result.EnsureSuccess("claude -p");
        var announced = model.Requests.First(r => r.HasTools && r.Body.Contains("mcp__baton__", StringComparison.Ordinal));
        announced.ToolNames.ShouldContain("ToolSearch");
        announced.ToolNames.ShouldNotContain(tool);
        var next = model.Requests.Last(r => r.HasTools);
        var found = ToolReferences(next);
        _output.WriteLine($"ToolSearch '{query}' found: {string.Join(", ", found)}");
        found.Take(3).ShouldContain(tool);
        next.ToolNames.ShouldContain(tool);
    }

    public void Dispose()
    {
        BatonDiagnostics.Write(_output, _sandbox.BatonHome);
        _sandbox.Dispose();
    }

    /// <summary>
    /// Writes an <c>--mcp-config</c> file that gives claude Baton's MCP server as <c>baton mcp install</c> registers it: the
    /// relay, which opens its session on the resident server (its own fallback is /bin/false here, so only the server can
    /// answer). Returns its path.
    /// </summary>
    private async Task<string> WriteMcpConfigAsync()
    {
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
        return config;
    }

    /// <summary>
    /// The model's answer while claude has not connected Baton's MCP server yet: print mode (2.1.332) may send its first
    /// request before a stdio MCP server is connected, so the model runs a short Bash call and the next request comes a
    /// moment later, until one lists Baton's tools.
    /// </summary>
    private static ModelStep UntilTheServerIsConnected =>
        ModelStep.ToolUse("Bash", new JsonObject { ["command"] = "sleep 0.2", ["description"] = "Wait" });

    /// <summary>How many of Baton's tools the conversation of <paramref name="request"/> called.</summary>
    private static int BatonCalls(RecordedRequest request) =>
        request.Json!["messages"]!.AsArray()
            .SelectMany(m => m?["content"] as JsonArray ?? [])
            .Count(b => b?["type"]?.GetValue<string>() == "tool_use" && b["name"]!.GetValue<string>().StartsWith("mcp__baton__", StringComparison.Ordinal));

    /// <summary>The request that carries the result of the model's <paramref name="calls"/>-th call of a Baton tool.</summary>
    private static RecordedRequest AfterBatonCall(ScriptedModelServer model, int calls) =>
        model.Requests.First(r => r.HasTools && BatonCalls(r) == calls);

    /// <summary>The tools a ToolSearch result named, best match first (its <c>tool_reference</c> blocks).</summary>
    private static List<string> ToolReferences(RecordedRequest request) =>
        request.Json!["messages"]!.AsArray()
            .SelectMany(m => m?["content"] as JsonArray ?? [])
            .Where(b => b?["type"]?.GetValue<string>() == "tool_result")
            .SelectMany(b => b!["content"] as JsonArray ?? [])
            .Where(c => c?["type"]?.GetValue<string>() == "tool_reference")
            .Select(c => c!["tool_name"]!.GetValue<string>())
            .ToList();

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
