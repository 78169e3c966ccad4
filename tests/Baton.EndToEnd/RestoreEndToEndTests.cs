using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Restore after a lost tmux server (issue 15), with the real claude in real tmux: <c>baton restore</c> brings back exactly
/// the sessions that were live, each resumed into its conversation with its name, task and task list; sessions ended on
/// purpose stay ended; a second restore starts nothing.
/// </summary>
public sealed class RestoreEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public RestoreEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task Restore_after_tmux_kill_server_resumes_exactly_the_live_session_into_its_conversation_and_a_second_restore_starts_nothing()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Noted.")], _output.WriteLine);

        // Given a live session that had a turn, and another one killed on purpose
        (await Baton(model, "new", "--detach", "--name", "keeper", "--task", "PELICAN-MEMORY remember this word", "--task-list", "shop-tasks", _workspace.Repo.Path))
            .EnsureSuccess("baton new keeper");
        await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("PELICAN-MEMORY", StringComparison.Ordinal), Patience);
        await Eventually.Until(async () => (await Session("keeper"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "keeper's turn ended");
        var conversation = (await Session("keeper"))!["session_id"]!.GetValue<string>();
        (await Baton(model, "new", "--detach", "--name", "dropped", _workspace.Repo.Path)).EnsureSuccess("baton new dropped");
        await Eventually.Until(async () => (await Session("dropped"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "dropped is at its prompt");
        (await Baton(model, "kill", "dropped")).EnsureSuccess("baton kill dropped");

        // When the tmux server is lost
        _workspace.Tmux.Run(["kill-server"]).ExitCode.ShouldBe(0);
        await Eventually.Until(async () => await Session("keeper") is null, Patience, "keeper's claude is gone");
        var dryRun = Restore(await Baton(model, "restore", "--dry-run", "--json"));
        var restored = Restore(await Baton(model, "restore", "--json"));

        // Then exactly the live session is restored, with its name, task and task list, and the dry run started nothing
        dryRun.ShouldHaveSingleItem()!["restored"]!.GetValue<bool>().ShouldBeFalse();
        var only = restored.ShouldHaveSingleItem()!;
        only["session_id"]!.GetValue<string>().ShouldBe(conversation);
        only["restored"]!.GetValue<bool>().ShouldBeTrue(only.ToJsonString());
        only["task_list"]!.GetValue<string>().ShouldBe("shop-tasks");
        await Eventually.Until(async () => (await Session("keeper"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the restored session holds its conversation");
        var keeper = (await Session("keeper"))!;
        keeper["task"]!.GetValue<string>().ShouldBe("PELICAN-MEMORY remember this word");
        keeper["cwd"]!.GetValue<string>().ShouldBe(_workspace.Repo.Path);
        (await Session("dropped")).ShouldBeNull("a session killed on purpose stays ended");

        // And the restored session is its conversation: woken by a message, its model sees the earlier turn
        (await _workspace.Baton.RunAsync("send", "keeper", "RESTORE-CHECK what was the word?")).EnsureSuccess("baton send keeper");
        var request = await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("RESTORE-CHECK", StringComparison.Ordinal), Patience);
        request.Body.ShouldContain("PELICAN-MEMORY");

        // And a second restore starts nothing
        Restore(await Baton(model, "restore", "--json")).ShouldBeEmpty();
    }

    public void Dispose() => _workspace.Dispose();

    private static JsonArray Restore(ProcessResult result) => JsonNode.Parse(result.EnsureSuccess("baton restore").StdOut)!.AsArray();

    private Task<ProcessResult> Baton(ScriptedModelServer model, params string[] args) => _workspace.Run(model, args);

    private Task<JsonNode?> Session(string name) => _workspace.Session(name);
}
