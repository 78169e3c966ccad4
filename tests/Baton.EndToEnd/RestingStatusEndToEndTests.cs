using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Statuses at rest (issue 15): a session that comes to rest at its prompt, with the real claude in real tmux, shows
/// <c>waiting_input</c>, not <c>running</c> (nor <c>error</c> after a failed turn), and a message sent to it wakes it.
/// </summary>
public sealed class RestingStatusEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public RestingStatusEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task A_session_started_without_a_prompt_waits_for_input_and_a_message_wakes_it_and_a_resumed_one_waits_too()
    {
        await using var model = await ScriptedModelServer.StartAsync([ModelStep.Text("Ready.")], _output.WriteLine);

        // When a session starts without a prompt
        (await _workspace.Run(model, "new", "--detach", "--name", "idle", _workspace.Repo.Path)).EnsureSuccess("baton new idle");

        // Then once claude is at its prompt, it waits for input
        await Eventually.Until(async () => (await _workspace.Session("idle"))?["session_id"]?.GetValue<string>() is { } id && !id.StartsWith("launch-", StringComparison.Ordinal), Patience, "SessionStart bound idle");
        var idle = (await _workspace.Session("idle"))!;
        idle["status"]!.GetValue<string>().ShouldBe("waiting_input");

        // And a message sent to it wakes it, though it never had a Stop (the wake hook armed at SessionStart)
        (await _workspace.Baton.RunAsync("send", "idle", "IDLE-WAKE-CHECK please report in")).EnsureSuccess("baton send idle");
        (await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("IDLE-WAKE-CHECK", StringComparison.Ordinal), Patience))
            .ShouldNotBeNull("the message reached the idle session's model");

        // When a conversation that print-mode claude had is resumed (one without messages cannot be)
        var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, _workspace.Sandbox.Home)) { ["BATON_HOME"] = _workspace.Sandbox.BatonHome };
        var first = await ClaudeCli.RunPrintAsync("Say hello.", _workspace.Repo.Path, environment);
        var conversation = System.Text.Json.Nodes.JsonNode.Parse(first.EnsureSuccess("claude -p").StdOut)!["session_id"]!.GetValue<string>();
        (await _workspace.Run(model, "new", "--detach", "--name", "again", "--resume", conversation, _workspace.Repo.Path)).EnsureSuccess("baton new --resume");

        // Then the resumed session waits for input too
        await Eventually.Until(async () => (await _workspace.Session("again"))?["session_id"]?.GetValue<string>() == conversation, Patience, "the resume holds the conversation");
        (await _workspace.Session("again"))!["status"]!.GetValue<string>().ShouldBe("waiting_input");
    }

    [Fact]
    public async Task A_turn_that_ends_in_an_api_error_rests_waiting_for_input_with_the_error_and_a_message_wakes_the_session()
    {
        // Given a model that refuses every request (HTTP 400, which claude does not retry) until a message arrives
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(request => request.Body.Contains("PING-AFTER-FAILURE", StringComparison.Ordinal)
            ? ModelStep.Text("Recovered.")
            : ModelStep.InvalidRequest("scripted refusal"));

        // When a session's first turn fails
        await _workspace.StartSession(model, "failing", "FAILING-TASK: say hello.", []);

        // Then it rests at its prompt, waiting for input, and says why
        await Eventually.Until(
            async () => await _workspace.Session("failing") is { } s
                && s["status"]?.GetValue<string>() == "waiting_input"
                && s["status_reason"]?.GetValue<string>() is { } reason
                && reason.StartsWith("turn failed: ", StringComparison.Ordinal),
            Patience,
            "failing waits for input after its failed turn");

        // And a message sent to it wakes it (the wake hook armed at StopFailure): its next request carries the message
        (await _workspace.Baton.RunAsync("send", "failing", "PING-AFTER-FAILURE: try again")).EnsureSuccess("baton send failing");
        await model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains("PING-AFTER-FAILURE", StringComparison.Ordinal), Patience);
        await Eventually.Until(async () => (await _workspace.Session("failing"))?["status_reason"] is null, Patience, "the recovered turn cleared the error");
    }

    public void Dispose() => _workspace.Dispose();
}
