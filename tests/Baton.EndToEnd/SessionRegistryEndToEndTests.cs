using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Storage.Sqlite;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// The session registry end to end: the real claude CLI against the scripted model server, Baton's hooks installed by
/// <c>baton hooks install</c> into a throwaway HOME, the real <c>baton</c> program recording into a throwaway BATON_HOME,
/// and real tmux on its own socket for the interactive session.
/// </summary>
public sealed class SessionRegistryEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    /// <summary>The resident server the installed hooks reach through baton-relay.</summary>
    private readonly ResidentServerProcess _server;
    private readonly GitRepository _repo;

    public SessionRegistryEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
        _repo = GitRepository.Create(_sandbox.Root, "shop", "feature-e2e");
        _repo.MakeDirty();
        ClaudeCli.PrepareHome(_sandbox.Home, ClaudeCli.FakeApiKey, _repo.Path);
        _baton.RunAsync(["hooks", "install"], environment: ClaudeCli.OnPath).GetAwaiter().GetResult().EnsureSuccess("baton hooks install");
        // Claude's registry folder, as a user has it after claude's first run: the server follows it from its start.
        Directory.CreateDirectory(NativeRegistryFolder);
        _server = ResidentServerProcess.Start(_sandbox);
    }

    [Fact]
    public async Task A_print_mode_session_is_recorded_with_its_facts_and_its_status_changes_in_order()
    {
        // Given a scripted turn that uses the Bash tool once
        await using var model = await ScriptedModelServer.StartAsync(
            [ModelStep.ToolUse("Bash", new { command = "echo hello > out.txt", description = "Write a file" }), ModelStep.Text("Done.")],
            _output.WriteLine);

        // When claude runs it in print mode
        var claudePid = 0;
        var result = await ClaudeCli.RunPrintAsync("Write the file.", _repo.Path, ClaudeEnvironment(model), ["--allowedTools", "Bash"], started: pid => claudePid = pid);

        // Then baton ls --all --json has the session with the right facts, and the journal the status changes in order
        result.EnsureSuccess("claude -p");
        var sessionId = JsonNode.Parse(result.StdOut)!["session_id"]!.GetValue<string>();
        var session = (await Session(sessionId, all: true)).ShouldNotBeNull("Stop runs synchronously, so the session is recorded when claude -p returns");
        _output.WriteLine(session.ToJsonString());
        session["cwd"]!.GetValue<string>().ShouldBe(_repo.Path);
        session["project"]!.GetValue<string>().ShouldBe("shop");
        session["branch"]!.GetValue<string>().ShouldBe("feature-e2e");
        session["dirty"]!.GetValue<bool>().ShouldBeTrue();
        session["last_tool"]!.GetValue<string>().ShouldBe("Bash");
        session["pid"]!.GetValue<int>().ShouldBe(claudePid);
        session["status"]!.GetValue<string>().ShouldBe("exited", "claude -p has exited: by its SessionEnd, or else by its process being gone");
        (await LiveSessionIds()).ShouldNotContain(sessionId);

        // Print-mode claude skips SessionEnd when it had to end a background hook at exit (seen), so that last step may be missing.
        var changes = StatusChanges(sessionId);
        _output.WriteLine(string.Join(" -> ", changes));
        // SessionStart leaves it at its prompt (waiting_input) unless the prompt's hook, which may run in parallel, came first.
        var afterStart = changes.FirstOrDefault() == "waiting_input" ? changes.Skip(1).ToList() : changes;
        afterStart.Take(2).ShouldBe(["running", "waiting_input"]);
        afterStart.Skip(2).ShouldBeSubsetOf(["exited"]);

        // And its SessionEnd is recorded with claude's reason (with the socket route no background wake hook is left at exit,
        // so claude does not skip it)
        await Eventually.Until(
            async () => (await Session(sessionId, all: true))?["end_reason"]?.GetValue<string>() == "other",
            TimeSpan.FromSeconds(20),
            "the SessionEnd of claude -p is recorded");

        // The turn's UserPromptSubmit, the Bash call's PreToolUse and PostToolUse and the Stop came as HTTP hooks
        var served = (await _server.StatusAsync())!;
        served["http_hooks"]!.GetValue<long>().ShouldBe(4, served.ToJsonString());
    }

    [Fact]
    public async Task A_session_whose_SessionEnd_never_comes_is_ended_by_the_server_after_claude_left_its_registry_and_its_lock_goes_back()
    {
        // Given Baton's hooks without their SessionEnd (as if its background hook had been lost), and a one-turn script
        var settingsPath = Path.Combine(_sandbox.Home, ".claude", "settings.json");
        var settings = JsonNode.Parse(File.ReadAllText(settingsPath))!;
        settings["hooks"]!.AsObject().Remove("SessionEnd").ShouldBeTrue("hooks install registered SessionEnd");
        File.WriteAllText(settingsPath, settings.ToJsonString());
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Done.")], _output.WriteLine);

        // When claude -p runs and exits, and the session takes a lock meanwhile (as its Bash calls could have)
        var result = await ClaudeCli.RunPrintAsync("Say done.", _repo.Path, ClaudeEnvironment(model));
        result.EnsureSuccess("claude -p");
        var sessionId = JsonNode.Parse(result.StdOut)!["session_id"]!.GetValue<string>();
        (await _baton.RunAsync(["lock", "acquire", "deploy"], environment: new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = sessionId }))
            .EnsureSuccess("baton lock acquire as the session");

        // Then the server ends it as 'exited' once the SessionEnd has had its time, and the lock goes back
        await Eventually.Until(
            async () => (await Session(sessionId, all: true))?["end_reason"]?.GetValue<string>() == "exited",
            TimeSpan.FromSeconds(60),
            "the server ends the session whose claude removed its registry entry");
        var locks = await _baton.RunAsync(["lock", "ls", "--json"]);
        locks.EnsureSuccess("baton lock ls");
        JsonNode.Parse(locks.StdOut)!.AsArray().ShouldBeEmpty("an ended session's lock is released");
    }

    [Fact]
    [Trait("Smoke", "oldest")]
    public async Task An_interactive_session_waits_for_permission_runs_again_when_approved_and_is_pruned_after_its_tmux_session_is_killed()
    {
        // Given an interactive claude in tmux whose scripted Bash call needs permission
        await using var model = await ScriptedModelServer.StartAsync(
            [ModelStep.ToolUse("Bash", new { command = "touch approved.txt", description = "Create a file" }), ModelStep.Text("Done.")],
            _output.WriteLine);
        using var tmux = new TmuxServer();
        tmux.NewSession("api", _repo.Path, [ClaudeCli.ExecutablePath, .. ClaudeCli.AskingPermissionMode, "Create the file."], ClaudeEnvironment(model));
        var claudePid = tmux.PanePid("api");

        // When the permission prompt shows, the session waits for permission
        string? sessionId = null;
        await Eventually.Until(
            async () => (sessionId = (await Sessions(all: false)).SingleOrDefault(s => s!["status"]!.GetValue<string>() == "waiting_permission")?["session_id"]?.GetValue<string>()) is not null,
            Patience,
            "baton ls shows the session waiting_permission");
        (await Session(sessionId!, all: false))!["pid"]!.GetValue<int>().ShouldBe(claudePid);

        // And approving it through tmux takes it back to running, then waiting for input
        tmux.SendKeys("api", "1");
        await Eventually.Until(
            async () => (await Session(sessionId!, all: false))?["status"]?.GetValue<string>() == "waiting_input",
            Patience,
            "baton ls shows the session waiting_input");
        File.Exists(Path.Combine(_repo.Path, "approved.txt")).ShouldBeTrue();
        var changes = StatusChanges(sessionId!);
        _output.WriteLine(string.Join(" -> ", changes));
        (changes.FirstOrDefault() == "waiting_input" ? changes.Skip(1) : changes).ShouldBe(["running", "waiting_permission", "running", "waiting_input"]);

        // When the tmux session is killed (claude dies), the session is no longer live, prune archives it, history shows it
        tmux.KillSession("api");
        await Eventually.Until(() => !ProcessProbe.IsRunning(claudePid), TimeSpan.FromSeconds(15), "claude exited after kill-session");
        await Eventually.Until(async () => !(await LiveSessionIds()).Contains(sessionId!), Patience, "baton ls no longer lists the session");
        var prune = await _baton.RunAsync("prune");
        prune.EnsureSuccess("baton prune");
        _output.WriteLine(prune.StdOut);
        var history = JsonNode.Parse((await _baton.RunAsync("history", "--json")).StdOut)!.AsArray();
        var ended = history.SingleOrDefault(s => s!["session_id"]!.GetValue<string>() == sessionId);
        ended.ShouldNotBeNull("baton history lists the killed session");
        _output.WriteLine($"ended as: {ended["end_reason"]}");
        ended["end_reason"]!.GetValue<string>().ShouldBeOneOf("pruned", "other");
        if (ended["end_reason"]!.GetValue<string>() == "pruned")
        {
            prune.StdOut.ShouldContain(sessionId![..8]);
        }
    }

    public void Dispose()
    {
        BatonDiagnostics.Write(_output, _sandbox.BatonHome);
        _server.Dispose();
        _sandbox.Dispose();
    }

    private string NativeRegistryFolder => Path.Combine(_sandbox.Home, ".claude", "sessions");

    private Dictionary<string, string> ClaudeEnvironment(ScriptedModelServer model) =>
        new(ClaudeCli.Environment(model.BaseUrl, _sandbox.Home)) { ["BATON_HOME"] = _sandbox.BatonHome };

    private async Task<JsonArray> Sessions(bool all)
    {
        var result = await _baton.RunAsync(all ? ["ls", "--all", "--json"] : ["ls", "--json"]);
        result.EnsureSuccess("baton ls --json");
        return JsonNode.Parse(result.StdOut)!.AsArray();
    }

    private async Task<JsonNode?> Session(string sessionId, bool all) =>
        (await Sessions(all)).SingleOrDefault(s => s!["session_id"]!.GetValue<string>() == sessionId);

    private async Task<List<string>> LiveSessionIds() =>
        (await Sessions(all: false)).Select(s => s!["session_id"]!.GetValue<string>()).ToList();

    /// <summary>The statuses the journal recorded for a session, in order (each <c>session.status</c> entry's <c>to</c>).</summary>
    private List<string> StatusChanges(string sessionId)
    {
        using var store = SqliteStore.Open(Path.Combine(_sandbox.BatonHome, "baton.db"));
        return store.ReadJournal(0, 10_000)
            .Where(e => e.Type == JournalTypes.SessionStatus && e.Subject == JournalTypes.SessionSubject(sessionId))
            .Select(e => JsonNode.Parse(e.Data!)!["to"]!.GetValue<string>())
            .ToList();
    }
}
