using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Shared task lists end to end: interactive claude sessions started by <c>baton new --task-list plan</c> in real tmux, each
/// with Baton's MCP server (through baton-relay and the resident server) and Baton's hooks, against one scripted model
/// server that tells the sessions apart by their prompts' markers.
/// </summary>
public sealed class TasksEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;
    private readonly ConcurrentDictionary<string, ModelStep[]> _scripts = new(StringComparer.Ordinal);

    public TasksEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task Completing_a_blocker_through_mcp_wakes_the_idle_owner_of_the_waiting_task_whose_request_names_it_ready()
    {
        // Given a plan of two tasks, and two sessions on it: bob claims "write the migration", alice claims "design the
        // schema", both through Baton's MCP tools, and both rest at their prompts; then a person makes the migration wait
        // for the schema
        (await _workspace.Baton.RunAsync("tasks", "add", "plan", "design the schema")).EnsureSuccess("baton tasks add");
        (await _workspace.Baton.RunAsync("tasks", "add", "plan", "write the migration")).EnsureSuccess("baton tasks add");
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(ModelRequests.ByMarker(_scripts));
        _scripts["BOB-TASK"] = [ModelStep.Text("Standing by.")];
        _scripts["ALICE-TASK"] = [ModelStep.Text("Standing by.")];
        _scripts["BOBCLAIM-TASK"] = [ModelStep.ToolUse("mcp__baton__task_claim", new JsonObject { ["list"] = "plan", ["id"] = 2 }), ModelStep.Text("Claimed.")];
        _scripts["ALICECLAIM-TASK"] = [ModelStep.ToolUse("mcp__baton__task_claim", new JsonObject { ["list"] = "plan", ["id"] = 1 }), ModelStep.Text("Claimed.")];
        _scripts["DONE-TASK"] =
        [
            ModelStep.ToolUse("mcp__baton__task_update", new JsonObject { ["list"] = "plan", ["id"] = 1, ["status"] = "completed", ["result"] = "schema.sql" }),
            ModelStep.Text("Schema done."),
        ];
        var claudeArgs = new[] { "--mcp-config", await McpConfig(), "--allowedTools", "mcp__baton__task_claim,mcp__baton__task_update" };
        var bob = await _workspace.StartSession(model, "bob", "BOB-TASK: stand by.", ["--task-list", "plan"], claudeArgs);
        var alice = await _workspace.StartSession(model, "alice", "ALICE-TASK: stand by.", ["--task-list", "plan"], claudeArgs);
        await Prompt("bob", "BOBCLAIM-TASK: take the migration.");
        await Prompt("alice", "ALICECLAIM-TASK: take the schema.");
        await Eventually.Until(async () => await Owner(2) == bob && await Owner(1) == alice, Patience, "bob and alice claimed their tasks");
        await Eventually.Until(async () => await Status("bob") == "waiting_input" && await Status("alice") == "waiting_input", Patience, "both rest at their prompts");
        (await _workspace.Baton.RunAsync("tasks", "block", "plan", "2", "--by", "1")).EnsureSuccess("baton tasks block");

        // Then baton tasks ls shows both sessions on the list with what each owns
        var listed = JsonNode.Parse((await _workspace.Baton.RunAsync("tasks", "ls", "plan", "--json")).EnsureSuccess("baton tasks ls").StdOut)!;
        var owns = listed["sessions"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["owns"]!.AsArray().Select(i => i!.GetValue<long>()).ToList());
        owns["bob"].ShouldBe([2L]);
        owns["alice"].ShouldBe([1L]);
        var before = model.Requests.Count(r => ModelRequests.IsOf(r, "BOB-TASK"));

        // When alice completes the schema through task_update
        var clock = Stopwatch.StartNew();
        await Prompt("alice", "DONE-TASK: finish the schema.", waitForTools: false);

        // Then bob, idle at its prompt, is woken, and its new request names its task as ready to start
        var woke = await model.WaitForRequestAsync(
            r => ModelRequests.IsOf(r, "BOB-TASK") && ModelRequests.LastUserText(r).Contains("plan#2 'write the migration'", StringComparison.Ordinal),
            Patience);
        _output.WriteLine($"alice's prompt -> bob's new request: {clock.ElapsedMilliseconds} ms");
        var text = ModelRequests.LastUserText(woke);
        text.ShouldContain("yours, is now ready: task plan#1 'design the schema' was completed by");
        text.ShouldContain("(alice)");
        model.Requests.Count(r => ModelRequests.IsOf(r, "BOB-TASK")).ShouldBe(before + 1, "bob took exactly one new turn");
        (await Owner(1)).ShouldBe(alice);
        JsonNode.Parse((await _workspace.Baton.RunAsync("tasks", "show", "plan", "1", "--json")).StdOut)!["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Two_sessions_claiming_one_native_task_at_once_have_one_winner_and_a_blocked_task_cannot_start()
    {
        // Given Claude Code's native list "plan" (task 2 waits for task 1) guarded in enforce mode, and two sessions on it
        var folder = Path.Combine(_workspace.Sandbox.Home, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".lock"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, "1.json"), """{"id":"1","subject":"design the schema","description":"","status":"pending","blocks":["2"],"blockedBy":[]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "2.json"), """{"id":"2","subject":"write the migration","description":"","status":"pending","blocks":[],"blockedBy":["1"]}""");
        (await _workspace.Baton.RunAsync("tasks", "guard", "plan", "enforce")).EnsureSuccess("baton tasks guard");
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(ModelRequests.ByMarker(_scripts));
        foreach (var name in new[] { "ALICE", "BOB" })
        {
            _scripts[$"{name}-TASK"] = [ModelStep.Text("Standing by.")];
            _scripts[$"{name}CLAIM-TASK"] =
            [
                ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "1", ["owner"] = name.ToLowerInvariant() }),
                ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "2", ["status"] = "in_progress" }),
                ModelStep.Text("Done."),
            ];
        }

        var claudeArgs = new[] { "--allowedTools", "TaskUpdate,TaskGet,TaskList" };
        var alice = await _workspace.StartSession(model, "alice", "ALICE-TASK: stand by.", ["--task-list", "plan"], claudeArgs);
        var bob = await _workspace.StartSession(model, "bob", "BOB-TASK: stand by.", ["--task-list", "plan"], claudeArgs);
        await Eventually.Until(async () => await Status("bob") == "waiting_input" && await Status("alice") == "waiting_input", Patience, "both rest at their prompts");

        // When both set themselves as the owner of task 1 at the same moment, then try to start task 2
        await Prompt("alice", "ALICECLAIM-TASK: take task 1.", waitForTools: false);
        await Prompt("bob", "BOBCLAIM-TASK: take task 1.", waitForTools: false);
        var aliceDone = await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "ALICE-TASK") && r.ToolResultCount >= 2, Patience);
        var bobDone = await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "BOB-TASK") && r.ToolResultCount >= 2, Patience);

        // Then exactly one claim went through, the other's next request carries the denial naming the winner, and the
        // task file names the winner
        var claims = new[] { ("alice", alice, ToolResult(aliceDone, fromEnd: 2)), ("bob", bob, ToolResult(bobDone, fromEnd: 2)) };
        foreach (var (name, _, result) in claims)
        {
            _output.WriteLine($"{name}'s claim: {result}");
        }

        var denied = claims.Where(c => c.Item3.Contains("was denied", StringComparison.Ordinal)).ToList();
        denied.Count.ShouldBe(1, "exactly one of the two claims is denied");
        var (winnerName, winnerId, _) = claims.Single(c => !c.Item3.Contains("was denied", StringComparison.Ordinal));
        denied[0].Item3.ShouldContain($"is owned by session {winnerId[..8]} ({winnerName})");
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "1.json")))!["owner"]!.GetValue<string>().ShouldBe(winnerName);

        // And starting task 2 while task 1 is open is denied to both, naming the blocker
        foreach (var request in new[] { aliceDone, bobDone })
        {
            ToolResult(request, fromEnd: 1).ShouldContain($"is blocked by #1 'design the schema' (pending, owner {winnerName})");
        }

        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "2.json")))!["status"]!.GetValue<string>().ShouldBe("pending");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The text of a <c>tool_result</c> of a request, counted from the last (1: the last).</summary>
    private static string ToolResult(RecordedRequest request, int fromEnd)
    {
        var block = request.Json!["messages"]!.AsArray().Select(m => m?["content"]).OfType<JsonArray>().SelectMany(c => c).OfType<JsonObject>()
            .Where(b => (string?)b["type"] == "tool_result").ToList()[^fromEnd];
        return block["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
            _ => "",
        };
    }

    /// <summary>An <c>--mcp-config</c> file giving claude Baton's MCP server as <c>baton mcp install</c> registers it (the relay).</summary>
    private async Task<string> McpConfig()
    {
        var config = Path.Combine(_workspace.Sandbox.Root, "mcp.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["baton"] = new JsonObject
                {
                    ["command"] = BatonCli.RelayPath,
                    ["args"] = new JsonArray("--baton", BatonCli.ExecutablePath, "mcp"),
                    ["env"] = new JsonObject { ["BATON_HOME"] = _workspace.Sandbox.BatonHome },
                },
            },
        }.ToJsonString());
        return config;
    }

    /// <summary>Types a prompt into a session resting at its prompt, first waiting until its Baton MCP server signed it on
    /// (claude offers an MCP server's tools only once it connected, which may be after the first prompt went out).</summary>
    private async Task Prompt(string name, string prompt, bool waitForTools = true)
    {
        await Eventually.Until(async () => await Status(name) == "waiting_input", Patience, $"{name} rests at its prompt");
        if (waitForTools)
        {
            await Eventually.Until(
                async () => JsonNode.Parse((await _workspace.Baton.RunAsync("events", "--type", "session.signed_on", "--session", name, "--json")).EnsureSuccess("baton events").StdOut)!.AsArray().Count > 0,
                Patience,
                $"{name}'s MCP server signed it on");
        }

        var pane = (await _workspace.Session(name))!["tmux_pane"]!.GetValue<string>();
        _workspace.Tmux.SendText(pane, prompt);
        _workspace.Tmux.SendKeys(pane, "Enter");
    }

    private async Task<string?> Status(string name) => (await _workspace.Session(name))?["status"]?.GetValue<string>();

    private async Task<string?> Owner(long id) =>
        JsonNode.Parse((await _workspace.Baton.RunAsync("tasks", "show", "plan", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).EnsureSuccess("baton tasks show").StdOut)!["owner"]?.GetValue<string>();
}
