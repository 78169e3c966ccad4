using System.Text.Json.Nodes;
using Baton.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tests;

/// <summary>
/// <c>task_list</c> and <c>task_get</c> of the real <c>baton mcp</c> process show Claude Code's native list of a name beside
/// Baton's, in the shape <c>baton tasks ls LIST --json</c> prints: the native task files written into the sandbox HOME's
/// <c>~/.claude/tasks/plan/</c>, the session recorded on the list by a real SessionStart hook with
/// <c>CLAUDE_CODE_TASK_LIST_ID=plan</c>.
/// </summary>
public sealed class NativeTaskListToolsTests : IDisposable
{
    private const string SessionId = "eeeeeeee-5555-4555-8555-000000000005";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public NativeTaskListToolsTests() => _baton = new BatonCli(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Task_list_shows_the_native_list_beside_batons_with_state_owner_and_blockers_as_tasks_ls_json_does()
    {
        // Given the native list "plan" (this session owns #1, #2 waits for it, #3 is ready), Baton's list "plan" with one
        // task, and the session recorded on the list from its environment
        var project = _sandbox.CreateDirectory("project");
        var folder = Path.Combine(_sandbox.Home, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".lock"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, "1.json"), $$"""{"id":"1","subject":"design the schema","description":"","status":"in_progress","owner":"{{SessionId[..8]}}","blocks":["2"],"blockedBy":[]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "2.json"), """{"id":"2","subject":"write the migration","description":"","status":"pending","blocks":[],"blockedBy":["1"]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "3.json"), """{"id":"3","subject":"update the docs","description":"","status":"pending","blocks":[],"blockedBy":[]}""");
        (await _baton.RunAsync(["tasks", "add", "plan", "review the plan"])).EnsureSuccess("tasks add");
        var start = new JsonObject { ["session_id"] = SessionId, ["hook_event_name"] = "SessionStart", ["source"] = "startup", ["cwd"] = project, ["transcript_path"] = Path.Combine(_sandbox.Home, ".claude", "projects", "-project", SessionId + ".jsonl") };
        (await _baton.RunAsync(["hook", "SessionStart"], start.ToJsonString(), environment: new Dictionary<string, string?> { ["CLAUDE_CODE_TASK_LIST_ID"] = "plan" })).EnsureSuccess("hook SessionStart");

        // When an agent calls task_list and task_get through the real server
        JsonNode listed, lists, nativeTask, batonTask, unknown;
        await using (var client = await McpClient.CreateAsync(StdioServer.Transport(_sandbox, BatonCli.ExecutablePath, ["mcp"], project, SessionId)))
        {
            listed = await Call(client, "task_list", new() { ["list"] = "plan" });
            lists = await Call(client, "task_list", []);
            nativeTask = await Call(client, "task_get", new() { ["list"] = "plan", ["id"] = 3 });
            batonTask = await Call(client, "task_get", new() { ["list"] = "plan", ["id"] = 1 });
            var missing = await client.CallToolAsync("task_list", new Dictionary<string, object?> { ["list"] = "nowhere" });
            missing.IsError.ShouldBe(true);
            unknown = JsonValue.Create(((TextContentBlock)missing.Content[0]).Text);
        }

        // Then Baton's tasks and the native list come together, the native list exactly as tasks ls --json shows it
        listed["tasks"]!.AsArray().Select(t => t!["subject"]!.GetValue<string>()).ShouldBe(["review the plan"]);
        var native = listed["native_list"].ShouldNotBeNull();
        native["native"]!.GetValue<bool>().ShouldBeTrue();
        native["tasks"]!.AsArray().Select(t => (t!["id"]!.GetValue<string>(), t["status"]!.GetValue<string>(), t["state"]!.GetValue<string>(), t["owner"]?.GetValue<string>(), string.Join(',', t["open_blockers"]!.AsArray().Select(b => b!.GetValue<string>()))))
            .ShouldBe([("1", "in_progress", "in_progress", SessionId[..8], ""), ("2", "pending", "blocked", null, "1"), ("3", "pending", "ready", null, "")]);
        var me = listed["sessions"]!.AsArray().ShouldHaveSingleItem()!;
        me["session_id"]!.GetValue<string>().ShouldBe(SessionId);
        me["native_owns"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["1"]);
        var cli = JsonNode.Parse((await _baton.RunAsync("tasks", "ls", "plan", "--json")).EnsureSuccess("tasks ls").StdOut)!;
        JsonNode.DeepEquals(native, cli["native_list"]).ShouldBeTrue($"task_list: {native.ToJsonString()}\ntasks ls: {cli["native_list"]!.ToJsonString()}");
        lists["lists"]!.AsArray().Select(l => (l!["list"]!.GetValue<string>(), l["native"]!.GetValue<bool>(), l["ready"]!.GetValue<int>()))
            .ShouldBe([("plan", false, 1), ("plan", true, 1)]);
        nativeTask["native"]!.GetValue<bool>().ShouldBeTrue("Baton's list has no task 3");
        nativeTask["state"]!.GetValue<string>().ShouldBe("ready");
        nativeTask["subject"]!.GetValue<string>().ShouldBe("update the docs");
        batonTask["subject"]!.GetValue<string>().ShouldBe("review the plan", "Baton's own task comes first");
        unknown.GetValue<string>().ShouldContain("nowhere");
    }

    private static async Task<JsonNode> Call(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        result.IsError.ShouldNotBe(true, text);
        return JsonNode.Parse(text)!;
    }
}
