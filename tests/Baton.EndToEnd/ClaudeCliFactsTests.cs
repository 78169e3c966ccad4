using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Facts about the real claude CLI that Baton's design relies on, checked against the installed
/// binary so that a claude release that changes them fails here first.
/// </summary>
public sealed class ClaudeCliFactsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Smoke", "oldest")]
    public async Task Exec_form_hooks_get_their_args_run_as_children_of_claude_and_see_the_session_id()
    {
        // Given exec-form hooks (command + args, run synchronously so print mode waits for them)
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var recorder = HookRecorder.Create(sandbox.Root);
        recorder.InstallUserSettings(
            sandbox.Home,
            async: false,
            ("SessionStart", null),
            ("UserPromptSubmit", null),
            ("PreToolUse", "*"),
            ("PreToolUse", null),
            ("PostToolUse", null),
            ("Stop", null),
            ("SessionEnd", null));
        ClaudeCli.PrepareHome(sandbox.Home, ClaudeCli.FakeApiKey, project);
        await using var model = await ScriptedModelServer.StartAsync(
            [ModelStep.ToolUse("Bash", new { command = "touch made-by-bash", description = "Create a file" }), ModelStep.Text("Finished.")],
            output.WriteLine);

        // When claude runs one print-mode turn with a Bash call
        var claudePid = 0;
        var result = await ClaudeCli.RunPrintAsync(
            "Create the file.",
            project,
            ClaudeCli.Environment(model.BaseUrl, sandbox.Home),
            ["--allowedTools", "Bash"],
            started: pid => claudePid = pid);

        // Then every hook ran with its args, as a child of claude, knowing the session
        result.EnsureSuccess("claude -p");
        var sessionId = JsonNode.Parse(result.StdOut)!["session_id"]!.GetValue<string>();
        File.Exists(Path.Combine(project, "made-by-bash")).ShouldBeTrue();
        var records = recorder.Records();
        Log($"claude pid {claudePid}, session {sessionId}", records);

        Sequence(records).ShouldBe(["SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop", "SessionEnd"]);
        records.ShouldAllBe(r => r.EventArgument == r.EventName);
        records.ShouldAllBe(r => r.ParentPid == claudePid);
        records.ShouldAllBe(r => r.SessionId == sessionId && r.EnvironmentSessionId == sessionId);
        records.Where(r => r.EventArgument == "PreToolUse").Select(r => r.Label).Order().ShouldBe(["*", "none"]);
        records.Where(r => r.EventArgument == "PreToolUse").ShouldAllBe(r => r.Field("tool_name") == "Bash");
    }

    [Fact]
    [Trait("Smoke", "oldest")]
    public async Task Interactive_permission_prompt_fires_hooks_in_order_and_killing_the_tmux_session_ends_claude()
    {
        // Given async exec-form hooks and an interactive claude in tmux whose Bash call is not allowed
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var recorder = HookRecorder.Create(sandbox.Root);
        recorder.InstallUserSettings(
            sandbox.Home,
            async: true,
            ("UserPromptSubmit", null),
            ("PreToolUse", "*"),
            ("PermissionRequest", null),
            ("Notification", null),
            ("PostToolUse", "*"),
            ("PostToolUse", null),
            ("Stop", null));
        ClaudeCli.PrepareHome(sandbox.Home, ClaudeCli.FakeApiKey, project);
        await using var model = await ScriptedModelServer.StartAsync(
            [ModelStep.ToolUse("Bash", new { command = "touch made-by-bash", description = "Create a file" }), ModelStep.Text("Finished.")],
            output.WriteLine);
        using var tmux = new TmuxServer();
        tmux.NewSession("claude", project, [ClaudeCli.ExecutablePath, .. ClaudeCli.AskingPermissionMode, "Create the file."], ClaudeCli.Environment(model.BaseUrl, sandbox.Home));
        var claudePid = tmux.PanePid("claude");

        // When the permission prompt shows (its Notification comes some seconds later) and "1" approves it
        await tmux.WaitForPaneTextAsync("claude", text => text.Contains("1. Yes", StringComparison.Ordinal), Patience);
        await recorder.WaitForAsync(r => r.EventArgument == "Notification", Patience, "the permission Notification hook ran");
        File.Exists(Path.Combine(project, "made-by-bash")).ShouldBeFalse();
        tmux.SendKeys("claude", "1");
        await recorder.WaitForAsync(r => r.EventArgument == "Stop", Patience, "the Stop hook ran");

        // Then the hooks fired in this order, all children of the pane's claude process
        File.Exists(Path.Combine(project, "made-by-bash")).ShouldBeTrue();
        var records = recorder.Records();
        var preToolUse = records.First(r => r.EventArgument == "PreToolUse");
        var permissionRequest = records.First(r => r.EventArgument == "PermissionRequest");
        Log($"claude pid {claudePid}; PreToolUse -> PermissionRequest: {(permissionRequest.Started - preToolUse.Started).TotalMilliseconds:0} ms", records);

        Sequence(records).ShouldBe(["UserPromptSubmit", "PreToolUse", "PermissionRequest", "Notification", "PostToolUse", "Stop"]);
        records.Single(r => r.EventArgument == "Notification").Field("notification_type").ShouldBe("permission_prompt");
        records.Where(r => r.EventArgument == "PostToolUse").Select(r => r.Label).Order().ShouldBe(["*", "none"]);
        records.Where(r => r.EventArgument == "PostToolUse").ShouldAllBe(r => r.Field("tool_use_id") == preToolUse.Field("tool_use_id"));
        records.ShouldAllBe(r => r.ParentPid == claudePid);
        records.ShouldAllBe(r => r.EnvironmentSessionId == preToolUse.SessionId && r.SessionId == preToolUse.SessionId);

        // And killing the tmux session ends the claude process
        tmux.KillSession("claude");
        await Eventually.Until(() => !ProcessProbe.IsRunning(claudePid), TimeSpan.FromSeconds(15), $"claude (pid {claudePid}) exited after kill-session");
    }

    [Fact]
    public async Task A_background_session_end_hook_runs_to_its_end_after_print_mode_claude_exited_and_no_signal_reaches_it()
    {
        // Given an async SessionEnd hook that notes any signal, reads its input, sleeps a little, then leaves a mark. (Baton's
        // SessionEnd stays one claude waits for: made async, one in about a hundred bench runs went unrecorded.)
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var signals = Path.Combine(sandbox.Root, "signals");
        var input = Path.Combine(sandbox.Root, "input");
        var finished = Path.Combine(sandbox.Root, "finished");
        var script = WriteScript(sandbox, "session-end.sh", $"trap 'echo HUP >> {signals}' HUP\ntrap 'echo TERM >> {signals}' TERM\ncat > '{input}'\nsleep 2\ntouch '{finished}'\n");
        WriteUserHook(sandbox.Home, "SessionEnd", new JsonObject { ["type"] = "command", ["command"] = script, ["async"] = true, ["timeout"] = 60 });
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Hello.")], output.WriteLine);

        // When print-mode claude runs one turn
        var result = await ClaudeCli.RunPrintAsync("Say hello.", project, ClaudeCli.Environment(model.BaseUrl, sandbox.Home));

        // Then it returned without waiting for the hook, which went on to its end, unsignalled, with the SessionEnd input
        result.EnsureSuccess("claude -p");
        File.Exists(finished).ShouldBeFalse("claude -p returned before its background SessionEnd hook finished");
        await Eventually.Until(() => File.Exists(finished), TimeSpan.FromSeconds(20), "the SessionEnd hook finished after claude exited");
        File.Exists(signals).ShouldBeFalse(File.Exists(signals) ? File.ReadAllText(signals) : "");
        JsonNode.Parse(File.ReadAllText(input))!["hook_event_name"]!.GetValue<string>().ShouldBe("SessionEnd");
    }

    [Fact]
    public async Task Print_mode_waits_for_an_async_rewake_stop_hook_which_sees_the_sdk_entry_point()
    {
        // Given an asyncRewake Stop hook that records its environment, sleeps a little, then leaves a mark
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var seen = Path.Combine(sandbox.Root, "entrypoint");
        var finished = Path.Combine(sandbox.Root, "finished");
        var script = WriteScript(sandbox, "rewake.sh", $"cat > /dev/null\nprintf '%s' \"$CLAUDE_CODE_ENTRYPOINT\" > '{seen}'\nsleep 2\ntouch '{finished}'\n");
        WriteUserHook(sandbox.Home, "Stop", new JsonObject { ["type"] = "command", ["command"] = script, ["args"] = new JsonArray("Stop"), ["asyncRewake"] = true, ["timeout"] = 60 });
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Hello.")], output.WriteLine);

        // When print-mode claude runs one turn
        var result = await ClaudeCli.RunPrintAsync("Say hello.", project, ClaudeCli.Environment(model.BaseUrl, sandbox.Home));

        // Then it returned only after the background hook had finished (so Baton's wake hook must end at once in print
        // mode), and the hook could tell print mode from CLAUDE_CODE_ENTRYPOINT
        result.EnsureSuccess("claude -p");
        File.Exists(finished).ShouldBeTrue("print mode waited for the asyncRewake hook to finish");
        File.ReadAllText(seen).ShouldStartWith("sdk");
    }

    [Fact]
    public async Task An_async_rewake_session_start_hook_wakes_a_session_idle_at_its_prompt_that_never_had_a_turn()
    {
        // Given an asyncRewake SessionStart hook that waits a little, then exits 2 with a line on stderr
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var script = WriteScript(sandbox, "wake.sh", "cat > /dev/null\nsleep 2\necho 'A message woke you at start.' >&2\nexit 2\n");
        WriteUserHook(sandbox.Home, "SessionStart", new JsonObject { ["type"] = "command", ["command"] = script, ["asyncRewake"] = true, ["timeout"] = 60 });
        ClaudeCli.PrepareHome(sandbox.Home, ClaudeCli.FakeApiKey, project);
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Woken.")], output.WriteLine);

        // When claude starts in tmux without a prompt
        using var tmux = new TmuxServer();
        tmux.NewSession("claude", project, [ClaudeCli.ExecutablePath], ClaudeCli.Environment(model.BaseUrl, sandbox.Home));

        // Then the hook's line starts a turn: a session that never had a Stop can be woken from its SessionStart
        var request = await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("A message woke you at start.", StringComparison.Ordinal), Patience);
        request.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(10_000, 'x', true)]
    [InlineData(10_001, 'x', false)]
    [InlineData(10_000, 'é', true)]
    public async Task Additional_context_reaches_the_model_whole_only_up_to_ten_thousand_characters(int length, char filler, bool whole)
    {
        // Given a UserPromptSubmit hook whose additionalContext is `length` characters ending in a marker
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        const string marker = "END-OF-CONTEXT-MARKER";
        var context = new string(filler, length - marker.Length) + marker;
        var hookOutput = new JsonObject { ["hookSpecificOutput"] = new JsonObject { ["hookEventName"] = "UserPromptSubmit", ["additionalContext"] = context } };
        var outputFile = Path.Combine(sandbox.Root, "output.json");
        File.WriteAllText(outputFile, hookOutput.ToJsonString());
        var script = WriteScript(sandbox, "context.sh", $"cat > /dev/null\ncat '{outputFile}'\n");
        WriteUserHook(sandbox.Home, "UserPromptSubmit", new JsonObject { ["type"] = "command", ["command"] = script, ["timeout"] = 30 });
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Hello.")], output.WriteLine);

        // When print-mode claude runs one turn
        var result = await ClaudeCli.RunPrintAsync("Say hello.", project, ClaudeCli.Environment(model.BaseUrl, sandbox.Home));

        // Then the model's request holds the whole context up to 10,000 characters; past that only a part of it (so Baton
        // keeps each delivery under that size)
        result.EnsureSuccess("claude -p");
        var request = model.Requests.Last(r => r.HasTools);
        var messages = request.Json!["messages"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        messages.Contains(marker, StringComparison.Ordinal).ShouldBe(whole);
        messages.Contains(new string(filler, 10), StringComparison.Ordinal).ShouldBeTrue("some of the context reached the model");
        messages.Contains("Full output saved to", StringComparison.Ordinal).ShouldBe(!whole);
    }

    [Fact]
    public async Task Hooks_fired_from_within_a_subagent_carry_its_agent_id_and_the_main_agents_do_not()
    {
        // Given hooks on every tool event, and a main agent that hands a task to a subagent that runs Bash
        using var sandbox = BatonSandbox.Create();
        var project = sandbox.CreateDirectory("project");
        var recorder = HookRecorder.Create(sandbox.Root);
        recorder.InstallUserSettings(sandbox.Home, async: false, ("PreToolUse", "*"), ("PostToolUse", "*"), ("SubagentStart", null), ("SubagentStop", null), ("Stop", null));
        ClaudeCli.PrepareHome(sandbox.Home, ClaudeCli.FakeApiKey, project);
        await using var model = await ScriptedModelServer.StartAsync(log: output.WriteLine);
        ModelStep[] main =
        [
            ModelStep.ToolUse("Agent", new { description = "Check the files", prompt = "SUB-TASK: list the files.", subagent_type = "general-purpose" }),
            ModelStep.Text("The subagent is done."),
        ];
        ModelStep[] sub = [ModelStep.ToolUse("Bash", new { command = "ls", description = "List files" }), ModelStep.Text("Listed.")];
        model.SetScript(request =>
        {
            var first = request.Json?["messages"]?.AsArray().FirstOrDefault()?.ToJsonString() ?? "";
            var script = first.Contains("SUB-TASK", StringComparison.Ordinal) ? sub : first.Contains("MAIN-TASK", StringComparison.Ordinal) ? main : null;
            return script?.ElementAtOrDefault(request.ToolResultCount);
        });

        // When claude runs the turn
        var result = await ClaudeCli.RunPrintAsync("MAIN-TASK: have a subagent check the files.", project, ClaudeCli.Environment(model.BaseUrl, sandbox.Home), ["--allowedTools", "Bash,Agent"]);

        // Then the subagent's tool hooks carry agent_id (and its start and stop the same id); the main agent's carry none
        result.EnsureSuccess("claude -p");
        var records = recorder.Records();
        Log("hooks", records);
        var agentId = records.Single(r => r.EventArgument == "SubagentStart").Field("agent_id");
        agentId.ShouldNotBeNullOrEmpty();
        records.Single(r => r.EventArgument == "SubagentStop").Field("agent_id").ShouldBe(agentId);
        var bash = records.Where(r => r.EventArgument is "PreToolUse" or "PostToolUse" && r.Field("tool_name") == "Bash").ToList();
        bash.Count.ShouldBe(2);
        bash.ShouldAllBe(r => r.Field("agent_id") == agentId);
        var agentTool = records.Where(r => r.EventArgument is "PreToolUse" or "PostToolUse" && r.Field("tool_name") == "Agent").ToList();
        agentTool.Count.ShouldBe(2);
        agentTool.ShouldAllBe(r => r.Field("agent_id") == null);
    }

    /// <summary>Writes an executable <c>/bin/sh</c> script into the sandbox.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="name">The script's file name.</param>
    /// <param name="body">The script after its <c>#!/bin/sh</c> line.</param>
    /// <returns>The script's path.</returns>
    private static string WriteScript(BatonSandbox sandbox, string name, string body)
    {
        var script = Path.Combine(sandbox.Root, name);
        File.WriteAllText(script, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return script;
    }

    private static void WriteUserHook(string home, string eventName, JsonObject hook)
    {
        var settings = new JsonObject
        {
            ["hooks"] = new JsonObject { [eventName] = new JsonArray(new JsonObject { ["hooks"] = new JsonArray(hook) }) },
        };
        Directory.CreateDirectory(Path.Combine(home, ".claude"));
        File.WriteAllText(Path.Combine(home, ".claude", "settings.json"), settings.ToJsonString());
    }

    private static List<string> Sequence(IEnumerable<HookRecord> records)
    {
        var sequence = new List<string>();
        foreach (var record in records)
        {
            if (sequence.Count == 0 || sequence[^1] != record.EventArgument)
            {
                sequence.Add(record.EventArgument);
            }
        }

        return sequence;
    }

    private void Log(string headline, IEnumerable<HookRecord> records)
    {
        output.WriteLine(headline);
        foreach (var record in records)
        {
            output.WriteLine(record.ToString());
        }
    }
}
