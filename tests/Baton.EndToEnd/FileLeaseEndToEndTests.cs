using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// File leases end to end: Baton's hooks installed by <c>baton hooks install</c> in a throwaway HOME; session A (recorded by
/// a real <c>baton hook SessionStart</c> call, alive as long as this test) holds <c>file:src/app.cs</c>, taken with
/// <c>baton lock acquire</c> as A; session B is the real claude CLI in print mode whose scripted model reads and then edits
/// src/app.cs. The PreToolUse hook (synchronous) denies the edit in <c>enforce</c> mode and warns in <c>warn</c> mode.
/// </summary>
public sealed class FileLeaseEndToEndTests : IDisposable
{
    private const string SessionA = "a11ce000-e2e0-4000-8000-00000000000a";
    private const string Original = "class App { }\n";
    private const string Reason = "refactoring the cart";

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    /// <summary>The resident server the installed hooks reach through baton-relay.</summary>
    private readonly ResidentServerProcess _server;
    private readonly GitRepository _repo;

    public FileLeaseEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
        _repo = GitRepository.Create(_sandbox.Root, "shop", "main");
        Directory.CreateDirectory(Path.Combine(_repo.Path, "src"));
        File.WriteAllText(AppFile, Original);
        _repo.Git("add", "src/app.cs");
        _repo.Git("commit", "--quiet", "-m", "Add the app");
        ClaudeCli.PrepareHome(_sandbox.Home, ClaudeCli.FakeApiKey, _repo.Path);
        _baton.RunAsync(["hooks", "install"], environment: ClaudeCli.OnPath).GetAwaiter().GetResult().EnsureSuccess("baton hooks install");
        _server = ResidentServerProcess.Start(_sandbox);
    }

    private string AppFile => Path.Combine(_repo.Path, "src", "app.cs");

    [Fact]
    public async Task In_enforce_mode_an_edit_of_a_file_another_session_leases_is_denied_with_the_holder_in_the_tool_result()
    {
        // Given session A holding file:src/app.cs, and the project in enforce mode
        await HoldLeaseAsA();
        SetMode(FileLeaseMode.Enforce);

        // When B's scripted model reads and edits src/app.cs
        await using var model = await ScriptedModelServer.StartAsync(EditScript(), _output.WriteLine);
        var result = await ClaudeCli.RunPrintAsync("Change the app.", _repo.Path, ClaudeEnvironment(model), ["--allowedTools", "Read,Edit"]);

        // Then the file is unchanged, and the model's next request carries the denial naming A as the Edit's tool result
        result.EnsureSuccess("claude -p");
        File.ReadAllText(AppFile).ShouldBe(Original);
        var editResult = ToolResultFor(model, "Edit");
        _output.WriteLine($"Edit tool_result: {editResult.ToJsonString()}");
        var text = editResult.ToJsonString();
        text.ShouldContain("alice (a11ce000) holds a lease on src/app.cs (refactoring the cart; until ");
        text.ShouldContain("UTC); ask them, or wait.");
        SessionB(result)["last_tool"]!.GetValue<string>().ShouldBe("Edit", "the PreToolUse was recorded too");
    }

    [Fact]
    public async Task In_warn_mode_the_edit_happens_and_the_warning_reaches_the_model()
    {
        // Given session A holding file:src/app.cs, and the project in its default mode (warn)
        await HoldLeaseAsA();

        // When B's scripted model reads and edits src/app.cs
        await using var model = await ScriptedModelServer.StartAsync(EditScript(), _output.WriteLine);
        var result = await ClaudeCli.RunPrintAsync("Change the app.", _repo.Path, ClaudeEnvironment(model), ["--allowedTools", "Read,Edit"]);

        // Then the edit went through, and a later request carries the warning naming A
        result.EnsureSuccess("claude -p");
        File.ReadAllText(AppFile).ShouldBe("class App { int changed; }\n");
        var afterEdit = model.Requests.Where(r => r.HasTools && r.ToolResultCount >= 2).ToList();
        afterEdit.ShouldNotBeEmpty("the model was asked again after the Edit");
        var warning = "alice (a11ce000) holds a lease on src/app.cs (refactoring the cart; until ";
        afterEdit.ShouldContain(r => r.Body.Contains(warning, StringComparison.Ordinal), "the warning reached the model");
        var carrier = afterEdit.First(r => r.Body.Contains(warning, StringComparison.Ordinal)).Body;
        var at = carrier.IndexOf(warning, StringComparison.Ordinal);
        _output.WriteLine($"warning as the model got it: ...{carrier[Math.Max(0, at - 300)..Math.Min(carrier.Length, at + 300)]}...");
        model.Requests.Where(r => r.ToolResultCount < 2).ShouldNotContain(r => r.Body.Contains(warning, StringComparison.Ordinal), "nothing warned before the Edit");
    }

    public void Dispose()
    {
        BatonDiagnostics.Write(_output, _sandbox.BatonHome);
        _server.Dispose();
        _sandbox.Dispose();
    }

    /// <summary>Read src/app.cs, then edit it (by its absolute path, as the model would), then end the turn.</summary>
    private ModelStep[] EditScript() =>
    [
        ModelStep.ToolUse("Read", new { file_path = AppFile }),
        ModelStep.ToolUse("Edit", new { file_path = AppFile, old_string = "class App { }", new_string = "class App { int changed; }" }),
        ModelStep.Text("Done."),
    ];

    /// <summary>Session A: recorded by a real hook call of this test process (so it is alive), named alice, holding the lease
    /// through <c>baton lock acquire</c> run as A.</summary>
    private async Task HoldLeaseAsA()
    {
        var start = new JsonObject
        {
            ["session_id"] = SessionA,
            ["hook_event_name"] = "SessionStart",
            ["cwd"] = _repo.Path,
            ["transcript_path"] = "/tmp/a.jsonl",
            ["source"] = "startup",
        };
        (await _baton.RunAsync(["hook", "SessionStart"], start.ToJsonString())).EnsureSuccess("baton hook SessionStart (A)");
        (await _baton.RunAsync("rename", SessionA, "alice")).EnsureSuccess("baton rename");
        var acquire = await _baton.RunAsync(
            ["lock", "acquire", "file:src/app.cs", "--reason", Reason, "--json"],
            workingDirectory: _repo.Path,
            environment: new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = SessionA });
        _output.WriteLine($"baton lock acquire: {acquire.StdOut.Trim()} {acquire.StdErr.Trim()}");
        acquire.EnsureSuccess("baton lock acquire file:src/app.cs");
        using var store = SqliteStore.Open(DatabasePath);
        store.GetLock("file:src/app.cs").ShouldNotBeNull().Holder.ShouldBe(SessionA);
    }

    private void SetMode(FileLeaseMode mode)
    {
        using var store = SqliteStore.Open(DatabasePath);
        FileLeaseSettings.Write(new Coordinator(store, TimeProvider.System), _repo.Path, mode, SessionRegistry.HumanActor);
    }

    private string DatabasePath => Path.Combine(_sandbox.BatonHome, "baton.db");

    private Dictionary<string, string> ClaudeEnvironment(ScriptedModelServer model) =>
        new(ClaudeCli.Environment(model.BaseUrl, _sandbox.Home)) { ["BATON_HOME"] = _sandbox.BatonHome };

    /// <summary>The <c>tool_result</c> block answering the (first) <paramref name="tool"/> call, from the last request that has it.</summary>
    private static JsonNode ToolResultFor(ScriptedModelServer model, string tool)
    {
        foreach (var request in model.Requests.Where(r => r.HasTools).Reverse())
        {
            var blocks = (request.Json?["messages"] as JsonArray ?? [])
                .Select(m => m?["content"]).OfType<JsonArray>().SelectMany(c => c).OfType<JsonObject>().ToList();
            var use = blocks.FirstOrDefault(b => (string?)b["type"] == "tool_use" && (string?)b["name"] == tool);
            var id = (string?)use?["id"];
            var result = blocks.FirstOrDefault(b => (string?)b["type"] == "tool_result" && (string?)b["tool_use_id"] == id);
            if (result is not null)
            {
                return result;
            }
        }

        throw new ShouldAssertException($"No tool_result for {tool} in {model.Requests.Count} requests.");
    }

    private JsonNode SessionB(ProcessResult result)
    {
        var id = JsonNode.Parse(result.StdOut)!["session_id"]!.GetValue<string>();
        var sessions = JsonNode.Parse(_baton.RunAsync("ls", "--all", "--json").GetAwaiter().GetResult().StdOut)!.AsArray();
        return sessions.Single(s => s!["session_id"]!.GetValue<string>() == id)!;
    }
}
