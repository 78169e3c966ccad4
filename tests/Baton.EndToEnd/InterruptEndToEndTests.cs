using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// A turn a person interrupts (Escape in claude's pane, in real tmux) ends without a Stop hook: the session still comes to
/// rest as <c>waiting_input</c>, and a message sent to it afterwards wakes it.
/// </summary>
public sealed class InterruptEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public InterruptEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_turn_interrupted_with_escape_rests_waiting_for_input_and_a_message_wakes_the_session()
    {
        // Given a session busy in a Bash call that would last until a gate opens (the test never opens it)
        var gate = Path.Combine(_workspace.Sandbox.Root, "never");
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(request => ModelRequests.LastUserText(request).Contains("PING-AFTER-ESCAPE", StringComparison.Ordinal)
            ? ModelStep.Text("Pinged.")
            : ModelStep.ToolUse("Bash", new { command = $"while [ ! -e '{gate}' ]; do sleep 0.2; done", description = "Wait for the gate" }));
        await _workspace.StartSession(model, "busy", "BUSY-TASK: wait for the gate.", [], ["--allowedTools", "Bash"]);
        await Eventually.Until(
            async () => await _workspace.Session("busy") is { } s && s["status"]?.GetValue<string>() == "running" && s["last_tool"]?.GetValue<string>() == "Bash",
            Patience,
            "busy runs its Bash call");

        // When the person presses Escape in its pane
        var pane = (await _workspace.Session("busy"))!["tmux_pane"]!.GetValue<string>();
        _workspace.Tmux.SendKeys(pane, "Escape");

        // Then the session rests at its prompt, waiting for input
        await Eventually.Until(async () => (await _workspace.Session("busy"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "busy waits for input after the interrupt");

        // And a message sent to it wakes it: its next request carries the message
        (await _workspace.Baton.RunAsync("send", "busy", "PING-AFTER-ESCAPE: are you there?")).EnsureSuccess("baton send busy");
        await model.WaitForRequestAsync(r => ModelRequests.LastUserText(r).Contains("PING-AFTER-ESCAPE", StringComparison.Ordinal), Patience);
    }
}
