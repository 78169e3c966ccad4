using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Killing and resuming sessions that <c>baton new</c> started with the real claude in real tmux (issue 15): a kill works at
/// every stage of a session's life and history says <c>killed</c>; <c>--resume</c> takes a prefix or a name, and every run
/// of a resumed conversation keeps its own row in history.
/// </summary>
public sealed class KillAndResumeEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public KillAndResumeEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task A_session_killed_while_starting_exits_0_and_history_says_killed()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready.")], _output.WriteLine);

        // Given a session still starting (a claude that never gets as far as SessionStart: the real one may fire it before
        // the next command could look), killed by name
        var slowClaude = Path.Combine(_workspace.Bin, "claude");
        File.WriteAllText(slowClaude, "#!/bin/sh\nexec sleep 300\n");
        File.SetUnixFileMode(slowClaude, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (await Baton(model, "new", "--detach", "--name", "early", _workspace.Repo.Path)).EnsureSuccess("baton new early");
        File.Delete(slowClaude);
        (await Session("early"))!["status"]!.GetValue<string>().ShouldBe("starting");
        var killed = await Baton(model, "kill", "early");

        // Then the kill succeeds and history says killed
        killed.ExitCode.ShouldBe(0, killed.StdErr);
        (await Session("early")).ShouldBeNull("a killed session is not live");
        (await History("early")).ShouldHaveSingleItem()!["end_reason"]!.GetValue<string>().ShouldBe("killed");

        // Given a session known by its launch id while starting, bound to Claude's session id meanwhile
        var launched = (await Baton(model, "new", "--detach", "--json", "--name", "bound", _workspace.Repo.Path)).EnsureSuccess("baton new bound");
        var launchId = JsonNode.Parse(launched.StdOut)!.AsArray().ShouldHaveSingleItem()!["session_id"]!.GetValue<string>();
        launchId.ShouldStartWith("launch-");
        await Eventually.Until(async () => (await Session("bound"))?["session_id"]?.GetValue<string>() != launchId, Patience, "SessionStart bound Claude's session id");
        var sessionId = (await Session("bound"))!["session_id"]!.GetValue<string>();

        // When it is killed by the launch id a person saw while it was starting
        var byLaunchId = await Baton(model, "kill", launchId);

        // Then the kill succeeds and Claude's session is in history as killed
        byLaunchId.ExitCode.ShouldBe(0, byLaunchId.StdErr);
        (await History("bound")).ShouldHaveSingleItem()!["session_id"]!.GetValue<string>().ShouldBe(sessionId);
        (await History("bound")).Single()!["end_reason"]!.GetValue<string>().ShouldBe("killed");
    }

    [Fact]
    public async Task Resume_takes_an_id_prefix_or_a_session_name_and_every_run_of_the_conversation_stays_in_history()
    {
        // Given a conversation that print-mode claude had
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Hello.")], _output.WriteLine);
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _workspace.Sandbox.Home)) { ["BATON_HOME"] = _workspace.Sandbox.BatonHome };
        var first = await ClaudeCli.RunPrintAsync("Say hello.", _workspace.Repo.Path, environment);
        var conversation = JsonNode.Parse(first.EnsureSuccess("claude -p").StdOut)!["session_id"]!.GetValue<string>();

        // When it is resumed by a prefix of its id, then (after a kill) by the name of that session
        (await Baton(model, "new", "--detach", "--name", "by-prefix", "--resume", conversation[..8], _workspace.Repo.Path)).EnsureSuccess("resume by prefix");
        await Eventually.Until(async () => (await Session("by-prefix"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the resume by prefix holds the conversation");
        (await Baton(model, "kill", "by-prefix")).EnsureSuccess("baton kill by-prefix");
        (await Baton(model, "new", "--detach", "--name", "by-name", "--resume", "by-prefix", _workspace.Repo.Path)).EnsureSuccess("resume by name");
        await Eventually.Until(async () => (await Session("by-name"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the resume by name holds the conversation");
        (await Baton(model, "kill", "by-name")).EnsureSuccess("baton kill by-name");

        // Then history has each of the three runs of the conversation
        var runs = JsonNode.Parse((await _workspace.Baton.RunAsync("history", "--json")).EnsureSuccess("baton history --json").StdOut)!.AsArray()
            .Where(s => s!["session_id"]!.GetValue<string>().StartsWith(conversation, StringComparison.Ordinal))
            .Select(s => s!["name"]?.GetValue<string>())
            .ToList();
        runs.ShouldBe([null, "by-prefix", "by-name"], ignoreOrder: true);

        // And a prefix matching nothing is refused in one line
        var unknown = await Baton(model, "new", "--detach", "--resume", "ffffffff", _workspace.Repo.Path);
        unknown.ExitCode.ShouldBe(2);
        unknown.StdErr.Trim().ShouldBe("baton: No conversation matches 'ffffffff'. See 'baton history'.");
    }

    public void Dispose() => _workspace.Dispose();

    private Task<ProcessResult> Baton(ScriptedModelServer model, params string[] args) => _workspace.Run(model, args);

    private Task<JsonNode?> Session(string name) => _workspace.Session(name);

    /// <summary>The rows of <c>baton history --json</c> with this name.</summary>
    private async Task<List<JsonNode?>> History(string name) =>
        [.. JsonNode.Parse((await _workspace.Baton.RunAsync("history", "--json")).EnsureSuccess("baton history --json").StdOut)!.AsArray()
            .Where(s => s!["name"]?.GetValue<string>() == name)];
}
