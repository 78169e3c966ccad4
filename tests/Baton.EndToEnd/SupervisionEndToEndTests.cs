using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Starting and supervising sessions: <c>baton new</c> starts the real claude CLI (against the scripted model server) in
/// real tmux, under a TMUX_TMPDIR of the test's own so the user's tmux is never touched; hooks installed by
/// <c>baton hooks install</c> into a throwaway HOME; desktop notifications go to a fake <c>notify-send</c> first on PATH.
/// </summary>
public sealed class SupervisionEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;
    private readonly TmuxServer _tmux;
    private readonly BatonCli _baton;
    private readonly GitRepository _repo;
    private readonly string _notifications;

    public SupervisionEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
        (_tmux, _baton, _repo) = (_workspace.Tmux, _workspace.Baton, _workspace.Repo);
        _notifications = Path.Combine(_workspace.Sandbox.Root, "notify-send.calls");
        var notifySend = Path.Combine(_workspace.Bin, "notify-send");
        File.WriteAllText(notifySend, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{_notifications}'\n");
        File.SetUnixFileMode(notifySend, (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public async Task A_new_session_starts_in_tmux_waits_for_permission_notifies_once_and_is_killed_into_history()
    {
        // Given a model that answers the first prompt with a Bash call needing permission, and notifications on
        await using var model = await ScriptedModelServer.StartAsync(
            [ModelStep.ToolUse("Bash", new { command = "touch approved.txt", description = "Create a file" }), ModelStep.Text("Done.")],
            _output.WriteLine);
        (await Baton(model, "notify", "on")).EnsureSuccess("baton notify on");

        // When baton new starts a named session with a task
        var started = await Baton(model, ["new", "--detach", "--json", "--name", "api", "--task", "Create the approved file", _repo.Path, "--", .. ClaudeCli.AskingPermissionMode]);

        // Then it is known before claude starts (what baton new printed), and bound to Claude's session id once SessionStart ran
        started.EnsureSuccess("baton new");
        _output.WriteLine(started.StdOut);
        var launched = JsonNode.Parse(started.StdOut)!.AsArray().ShouldHaveSingleItem().ShouldNotBeNull("baton new registers the session before claude starts");
        launched["session_id"]!.GetValue<string>().ShouldStartWith("launch-");
        var pane = launched["tmux_pane"]!.GetValue<string>();
        var sessionId = "";
        await Eventually.Until(
            async () => (await Session("api")) is { } s && (sessionId = s["session_id"]!.GetValue<string>()) != launched["session_id"]!.GetValue<string>(),
            Patience,
            "the SessionStart hook bound Claude's session id to 'api'");
        Guid.TryParse(sessionId, out _).ShouldBeTrue($"'{sessionId}' is Claude Code's session id");
        (await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("Create the approved file", StringComparison.Ordinal), Patience))
            .ShouldNotBeNull("the task reached the model as the first prompt");

        // And when the Bash call needs permission, the dashboard lists it first, marked waiting_permission
        await Eventually.Until(async () => (await Session("api"))?["status"]?.GetValue<string>() == "waiting_permission", Patience, "api waits for permission");
        await Baton(model, "new", "--detach", "--name", "other", _repo.Path);
        var frame = (await Baton(model, "watch", "--once")).EnsureSuccess("baton watch --once").StdOut;
        _output.WriteLine(frame);
        var rows = frame.Split('\n').Where(l => l.Contains("api", StringComparison.Ordinal) || l.Contains("other", StringComparison.Ordinal)).ToList();
        rows[0].ShouldContain("api");
        rows[0].ShouldContain("waiting_permission");

        // And exactly one desktop notification says so
        await Eventually.Until(() => NotificationsAbout("api").Count > 0, Patience, "notify-send was called for api");
        var calls = NotificationsAbout("api");
        calls.Count.ShouldBe(1, string.Join("\n", calls));

        // When the permission is given through tmux, it runs and then waits for input
        _tmux.SendKeys(pane, "1");
        await Eventually.Until(async () => (await Session("api"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "api waits for input");
        File.Exists(Path.Combine(_repo.Path, "approved.txt")).ShouldBeTrue();
        var claudePid = (await Session("api"))!["pid"]!.GetValue<int>();
        NotificationsAbout("api").Count.ShouldBe(1, "waiting for input after a permission is not notified again within the rate limit");

        // When it is killed, claude is gone and history shows it killed
        (await Baton(model, "kill", "api")).EnsureSuccess("baton kill api");
        ProcessProbe.IsRunning(claudePid).ShouldBeFalse();
        (await Session("api")).ShouldBeNull("a killed session is not live");
        var history = JsonNode.Parse((await Baton(model, "history", "--json")).StdOut)!.AsArray();
        history.Single(s => s!["session_id"]!.GetValue<string>() == sessionId)!["end_reason"]!.GetValue<string>().ShouldBe("killed");
    }

    [Fact]
    public async Task Resuming_a_conversation_is_refused_while_a_live_session_holds_it_and_runs_once_it_ended()
    {
        // Given a conversation that print-mode claude had, and a live session holding it
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Hello.")], _output.WriteLine);
        var first = await ClaudeCli.RunPrintAsync("Say hello.", _repo.Path, new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _workspace.Sandbox.Home)) { ["BATON_HOME"] = _workspace.Sandbox.BatonHome });
        var conversation = JsonNode.Parse(first.EnsureSuccess("claude -p").StdOut)!["session_id"]!.GetValue<string>();
        (await Baton(model, "new", "--detach", "--name", "holder", "--resume", conversation, _repo.Path)).EnsureSuccess("first resume");
        await Eventually.Until(async () => (await Session("holder"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the resumed session holds the conversation");

        // When another resume of it is asked for, it is refused naming the holder
        var refused = await Baton(model, "new", "--detach", "--name", "second", "--resume", conversation, _repo.Path);
        refused.ExitCode.ShouldBe(2);
        refused.StdErr.ShouldContain("holder");

        // When the holder is killed, the resume runs
        (await Baton(model, "kill", "holder")).EnsureSuccess("baton kill holder");
        (await Baton(model, "new", "--detach", "--name", "second", "--resume", conversation, _repo.Path)).EnsureSuccess("resume after the holder ended");
        await Eventually.Until(async () => (await Session("second"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the second resume holds the conversation");
    }

    [Fact]
    public async Task A_worktree_session_started_from_inside_a_claude_session_runs_on_its_own_branch_beside_the_repository()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready.")], _output.WriteLine);
        var worktree = Path.Combine(_workspace.Sandbox.Root, "shop.worktrees", "feature-x");
        ClaudeCli.PrepareHome(_workspace.Sandbox.Home, ClaudeCli.FakeApiKey, _repo.Path, worktree);
        const string enclosing = "e9c105ed-0000-4000-8000-000000000000";
        var fromAgentsBash = ClaudeEnvironment(model);
        fromAgentsBash["CLAUDECODE"] = "1";
        fromAgentsBash["CLAUDE_CODE_SESSION_ID"] = enclosing;

        var started = await _baton.RunAsync(["new", "--detach", "--name", "fx", "--worktree", "feature-x", _repo.Path], environment: fromAgentsBash, workingDirectory: _repo.Path);

        started.EnsureSuccess("baton new --worktree from an agent's Bash tool");

        Directory.Exists(worktree).ShouldBeTrue();
        _repo.Git("branch", "--list", "feature-x").ShouldContain("feature-x");
        await Eventually.Until(async () => (await Session("fx"))?["status"]?.GetValue<string>() is "running" or "waiting_input", Patience, "fx started");
        var session = (await Session("fx"))!;
        session["branch"]!.GetValue<string>().ShouldBe("feature-x");
        session["cwd"]!.GetValue<string>().ShouldBe(worktree);
        session["project_root"]!.GetValue<string>().ShouldBe(worktree, "its working tree is its own");
        session["project"]!.GetValue<string>().ShouldBe("shop", "a worktree session is listed under its repository");
        session["session_id"]!.GetValue<string>().ShouldNotBe(enclosing, "the new claude is a session of its own, not the enclosing one");
    }

    [Fact]
    public async Task Without_tmux_new_says_how_to_install_it_and_fails()
    {
        var noTmux = _workspace.Sandbox.CreateDirectory("no-tmux-bin");
        File.CreateSymbolicLink(Path.Combine(noTmux, "claude"), ClaudeCli.ExecutablePath);

        var result = await _baton.RunAsync(
            ["new", "--detach", _repo.Path],
            environment: new Dictionary<string, string?> { ["PATH"] = noTmux });

        result.ExitCode.ShouldBe(4);
        result.StdErr.Trim().ShouldBe("baton: tmux is not installed: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS)");
        JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).StdOut)!.AsArray().Count.ShouldBe(0, "nothing is registered");
    }

    public void Dispose() => _workspace.Dispose();

    private Dictionary<string, string?> ClaudeEnvironment(ScriptedModelServer model) => _workspace.ClaudeEnvironment(model);

    private Task<ProcessResult> Baton(ScriptedModelServer model, params string[] args) => _workspace.Run(model, args);

    /// <summary>The notify-send calls so far whose title ends with <paramref name="name"/> (each call is one line, written at once).</summary>
    private List<string> NotificationsAbout(string name) =>
        File.Exists(_notifications) ? [.. File.ReadAllLines(_notifications).Where(l => l.Contains($"— {name} ", StringComparison.Ordinal))] : [];

    private Task<JsonNode?> Session(string name) => _workspace.Session(name);
}
