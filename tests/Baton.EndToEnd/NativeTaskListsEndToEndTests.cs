using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Claude Code's native task lists end to end, for sessions not started on a list by Baton: claude runs with
/// <c>CLAUDE_CODE_TASK_LIST_ID=plan</c> (and <c>CLAUDE_CODE_ENABLE_TODO_TOOLS=1</c>) in its own environment, through a
/// <c>claude</c> first on PATH that sets them, as a user's shell would; two interactive sessions in real tmux with
/// Baton's hooks (baton-relay and the resident server) against one scripted model server.
/// </summary>
public sealed class NativeTaskListsEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;
    private readonly ConcurrentDictionary<string, ModelStep[]> _scripts = new(StringComparer.Ordinal);

    public NativeTaskListsEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task Tasks_ls_lists_both_sessions_of_a_native_list_with_what_each_owns_and_a_completed_blocker_wakes_the_waiting_one()
    {
        // Given Claude Code's native list "plan" (the migration waits for the schema), and alice and bob started by a claude
        // whose environment names the list: baton new is not told of it
        var folder = await PlanListWithClaudeOnIt();
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(ModelRequests.ByMarker(_scripts));
        _scripts["ALICE-TASK"] = [ModelStep.Text("Standing by.")];
        _scripts["BOB-TASK"] = [ModelStep.Text("Standing by.")];
        _scripts["ALICECLAIM-TASK"] = [ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "1", ["owner"] = "alice", ["status"] = "in_progress" }), ModelStep.Text("Mine.")];
        _scripts["BOBCLAIM-TASK"] = [ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "2", ["owner"] = "bob" }), ModelStep.Text("Mine.")];
        _scripts["DONE-TASK"] = [ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "1", ["status"] = "completed" }), ModelStep.Text("Schema done.")];
        var claudeArgs = new[] { "--allowedTools", "TaskUpdate,TaskGet,TaskList" };
        var alice = await _workspace.StartSession(model, "alice", "ALICE-TASK: stand by.", [], claudeArgs);
        var bob = await _workspace.StartSession(model, "bob", "BOB-TASK: stand by.", [], claudeArgs);
        (await _workspace.Session("alice"))!["task_list"]!.GetValue<string>().ShouldBe("plan", "the hook path learned the list from claude's environment");
        (await _workspace.Session("bob"))!["task_list"]!.GetValue<string>().ShouldBe("plan");

        // When alice takes the schema and bob the migration with Claude Code's own TaskUpdate
        await Prompt("alice", "ALICECLAIM-TASK: take the schema.");
        await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "ALICE-TASK") && ModelRequests.ToolResultsSince(r, "ALICECLAIM-TASK") >= 1, Patience);
        await Prompt("bob", "BOBCLAIM-TASK: take the migration.");
        await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "BOB-TASK") && ModelRequests.ToolResultsSince(r, "BOBCLAIM-TASK") >= 1, Patience);
        await Eventually.Until(async () => await Status("bob") == "waiting_input" && await Status("alice") == "waiting_input", Patience, "both rest at their prompts");

        // Then baton tasks ls shows the native list, and both sessions on it with what each owns
        var listed = JsonNode.Parse((await _workspace.Baton.RunAsync("tasks", "ls", "plan", "--json")).EnsureSuccess("baton tasks ls").StdOut)!;
        _output.WriteLine(listed.ToJsonString());
        listed["native_list"]!["native"]!.GetValue<bool>().ShouldBeTrue();
        var tasks = listed["native_list"]!["tasks"]!.AsArray();
        tasks.Select(t => (t!["id"]!.GetValue<string>(), t["owner"]?.GetValue<string>(), t["claimed_by"]?.GetValue<string>()))
            .ShouldBe([("1", "alice", alice), ("2", "bob", bob)]);
        var owns = listed["sessions"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["native_owns"]!.AsArray().Select(i => i!.GetValue<string>()).ToList());
        owns["alice"].ShouldBe(["1"]);
        owns["bob"].ShouldBe(["2"]);
        var text = (await _workspace.Baton.RunAsync("tasks", "ls", "plan")).EnsureSuccess("baton tasks ls").StdOut;
        _output.WriteLine(text);
        text.ShouldContain("Claude Code's native list 'plan'");
        text.ShouldContain($"{bob[..8]} (bob)  waiting_input  owns native #2");
        text.ShouldContain($"{alice[..8]} (alice)  waiting_input  owns native #1");
        var before = model.Requests.Count(r => ModelRequests.IsOf(r, "BOB-TASK"));

        // When alice completes the schema with TaskUpdate
        var clock = Stopwatch.StartNew();
        await Prompt("alice", "DONE-TASK: finish the schema.");

        // Then bob, idle at its prompt, is woken, and its new request names its native task as ready to start
        var woke = await model.WaitForRequestAsync(
            r => ModelRequests.IsOf(r, "BOB-TASK") && ModelRequests.LastUserText(r).Contains("plan#2 'write the migration'", StringComparison.Ordinal),
            Patience);
        _output.WriteLine($"alice's prompt -> bob's new request: {clock.ElapsedMilliseconds} ms");
        ModelRequests.LastUserText(woke).ShouldContain("Claude Code task plan#2 'write the migration', yours, is now ready: Claude Code task plan#1 'design the schema' was completed by");
        model.Requests.Count(r => ModelRequests.IsOf(r, "BOB-TASK")).ShouldBe(before + 1, "bob took exactly one new turn");
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "1.json")))!["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task One_TaskUpdate_completing_a_native_task_is_journaled_exactly_once()
    {
        // Given a session on the native list "plan" (Baton's hooks see one completion twice: TaskCompleted, then PostToolUse of TaskUpdate)
        await PlanListWithClaudeOnIt();
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(ModelRequests.ByMarker(_scripts));
        _scripts["ALICE-TASK"] = [ModelStep.Text("Standing by.")];
        _scripts["DONE-TASK"] = [ModelStep.ToolUse("TaskUpdate", new JsonObject { ["taskId"] = "1", ["status"] = "completed" }), ModelStep.Text("Schema done.")];
        await _workspace.StartSession(model, "alice", "ALICE-TASK: stand by.", [], "--allowedTools", "TaskUpdate,TaskGet,TaskList");

        // When the model completes task 1 with one TaskUpdate
        await Prompt("alice", "DONE-TASK: finish the schema.");
        await model.WaitForRequestAsync(r => ModelRequests.IsOf(r, "ALICE-TASK") && ModelRequests.ToolResultsSince(r, "DONE-TASK") >= 1, Patience);
        await Eventually.Until(async () => await Status("alice") == "waiting_input", Patience, "alice rests at her prompt after the turn");

        // Then the journal holds exactly one task.native entry for it, and the task file says completed
        var events = JsonNode.Parse((await _workspace.Baton.RunAsync("events", "--type", "task.native", "--json")).EnsureSuccess("baton events").StdOut)!.AsArray();
        _output.WriteLine(events.ToJsonString());
        events.Where(e => e!["data"]!["id"]!.GetValue<string>() == "1").Select(e => e!["data"]!["status"]!.GetValue<string>()).ShouldBe(["completed"]);
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_workspace.Sandbox.Home, ".claude", "tasks", "plan", "1.json")))!["status"]!.GetValue<string>().ShouldBe("completed");
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Writes Claude Code's native list "plan" (the migration, #2, waits for the schema, #1) into the sandbox's
    /// <c>~/.claude/tasks/plan/</c>, and puts first on the sessions' PATH a <c>claude</c> whose environment names the list, as
    /// a user's shell would; returns the list's folder.</summary>
    private async Task<string> PlanListWithClaudeOnIt()
    {
        var folder = Path.Combine(_workspace.Sandbox.Home, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ".lock"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, "1.json"), """{"id":"1","subject":"design the schema","description":"","status":"pending","blocks":["2"],"blockedBy":[]}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "2.json"), """{"id":"2","subject":"write the migration","description":"","status":"pending","blocks":[],"blockedBy":["1"]}""");
        var claude = Path.Combine(_workspace.Bin, "claude");
        await File.WriteAllTextAsync(claude, $"#!/bin/sh\nexport CLAUDE_CODE_TASK_LIST_ID=plan CLAUDE_CODE_ENABLE_TODO_TOOLS=1\nexec '{ClaudeCli.ExecutablePath}' \"$@\"\n");
        File.SetUnixFileMode(claude, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }

    /// <summary>Types a prompt into a session once it rests at its prompt.</summary>
    private async Task Prompt(string name, string prompt)
    {
        await Eventually.Until(async () => await Status(name) == "waiting_input", Patience, $"{name} rests at its prompt");
        var pane = (await _workspace.Session(name))!["tmux_pane"]!.GetValue<string>();
        _workspace.Tmux.SendText(pane, prompt);
        _workspace.Tmux.SendKeys(pane, "Enter");
    }

    private async Task<string?> Status(string name) => (await _workspace.Session(name))?["status"]?.GetValue<string>();
}
