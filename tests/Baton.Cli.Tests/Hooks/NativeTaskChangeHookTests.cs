using System.Text.Json.Nodes;
using Baton.Core.Tasks;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Cli.Tests.Hooks;

/// <summary>
/// A native task change through the real hooks, as <c>baton-relay</c> forwards them: claude started with
/// <c>CLAUDE_CODE_TASK_LIST_ID</c> (not by <c>baton new</c>) has its list recorded; a TaskUpdate completing a blocker is
/// journaled as <c>task.native</c>, and the other session of the list hears in its next hook's context that its task is
/// ready.
/// </summary>
public sealed class NativeTaskChangeHookTests : IDisposable
{
    private const string Alice = "a11ce000-0000-4000-8000-000000000001";
    private const string Bob = "b0b00000-0000-4000-8000-000000000002";
    private const string Carol = "ca401000-0000-4000-8000-000000000003";

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly string _project;

    public NativeTaskChangeHookTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
        _project = _sandbox.CreateDirectory("project");
    }

    public void Dispose() => _sandbox.Dispose();

    private string ClaudeDirectory => Path.Combine(_sandbox.Home, ".claude");

    [Fact]
    public async Task A_completed_blocker_reaches_the_other_session_of_the_native_list_as_its_task_now_ready()
    {
        WriteTask("1", """{"id": "1", "subject": "design the schema", "status": "completed", "owner": "a11ce000", "blocks": ["2"], "blockedBy": []}""");
        WriteTask("2", """{"id": "2", "subject": "write the migration", "status": "pending", "owner": "b0b00000", "blocks": [], "blockedBy": ["1"]}""");
        await Hook(Alice, "SessionStart", new JsonObject { ["source"] = "startup" }, "plan");
        await Hook(Bob, "SessionStart", new JsonObject { ["source"] = "startup" }, "plan");
        await Hook(Carol, "SessionStart", new JsonObject { ["source"] = "startup" }, "other");
        (await Hook(Bob, "UserPromptSubmit", new JsonObject { ["prompt"] = "go" }, "plan")).ShouldBeNull("nothing changed yet");
        (await Hook(Carol, "UserPromptSubmit", new JsonObject { ["prompt"] = "go" }, "other")).ShouldBeNull();

        await Hook(Alice, "PostToolUse", new JsonObject
        {
            ["tool_name"] = "TaskUpdate",
            ["tool_input"] = new JsonObject { ["taskId"] = "1", ["status"] = "completed" },
            ["tool_response"] = new JsonObject { ["success"] = true },
            ["tool_use_id"] = "toolu_01",
        }, "plan");
        var told = await Hook(Bob, "UserPromptSubmit", new JsonObject { ["prompt"] = "next" }, "plan");
        var carol = await Hook(Carol, "UserPromptSubmit", new JsonObject { ["prompt"] = "next" }, "other");
        var again = await Hook(Bob, "UserPromptSubmit", new JsonObject { ["prompt"] = "again" }, "plan");

        var sessions = JsonNode.Parse((await _baton.RunAsync("ls", "--json")).StdOut)!.AsArray();
        sessions.Single(s => s!["session_id"]!.GetValue<string>() == Alice)!["task_list"]!.GetValue<string>().ShouldBe("plan");
        var events = (await _baton.RunAsync("events", "--json")).StdOut;
        events.ShouldContain(TaskJournalTypes.Native);
        var context = told.ShouldNotBeNull()["hookSpecificOutput"]!["additionalContext"]!.GetValue<string>();
        context.ShouldContain("Claude Code task plan#2 'write the migration', yours, is now ready: Claude Code task plan#1 'design the schema' was completed by a11ce000");
        context.ShouldContain("TaskUpdate");
        carol.ShouldBeNull("Carol works another list");
        again.ShouldBeNull("a notice is handed over once");
    }

    private void WriteTask(string id, string json)
    {
        var folder = Path.Combine(ClaudeDirectory, "tasks", "plan");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, id + ".json"), json);
    }

    /// <summary>Runs one hook through the relay as claude started on <paramref name="list"/> would; returns its JSON output, if any.</summary>
    private async Task<JsonNode?> Hook(string session, string eventName, JsonObject fields, string list)
    {
        fields["session_id"] = session;
        fields["hook_event_name"] = eventName;
        fields["cwd"] = _project;
        fields["transcript_path"] = Path.Combine(ClaudeDirectory, "projects", "-project", session + ".jsonl");
        var result = await _baton.RelayAsync(
            [eventName], fields.ToJsonString(), environment: new Dictionary<string, string?> { ["CLAUDE_CODE_TASK_LIST_ID"] = list, ["BATON_SERVE_AUTOSTART"] = "0" });
        result.ExitCode.ShouldBe(0, result.StdErr);
        _output.WriteLine($"{session[..8]} {eventName} -> {result.StdOut.Trim()}");
        return result.StdOut.Trim() is { Length: > 0 } json ? JsonNode.Parse(json) : null;
    }
}
