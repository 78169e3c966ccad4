using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Messages sent with Claude Code's own SendMessage tool (2.1.332) between sessions: delivered by claude itself, and kept
/// in Baton's threads and history through the sender's PostToolUse hook, so every conversation between sessions shows in
/// one place, whichever tool sent it.
/// </summary>
public sealed class NativeMessagesEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public NativeMessagesEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task A_native_send_message_to_a_sessions_socket_wakes_it_and_shows_in_batons_thread()
    {
        // Given bob, idle at its prompt, and its messaging socket as Claude Code's registry tells it (the address SendMessage
        // takes for a session of another claude process: a peer name needs claude's ListAgents, which this release does not
        // offer here)
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        string? address = null;
        model.SetScript(request =>
            request.Body.Contains("ALICE-TASK", StringComparison.Ordinal) && request.ToolResultCount == 0
                ? ModelStep.ToolUse("SendMessage", new { to = address, summary = "hand over the review", message = "NATIVE-HELLO: please review the API change." })
                : ModelStep.Text("Noted."));
        (await _workspace.Run(model, "new", "--detach", "--name", "bob", _workspace.Repo.Path)).EnsureSuccess("baton new bob");
        await Eventually.Until(async () => (await _workspace.Session("bob"))?["status"]?.GetValue<string>() == "waiting_input", Patience, "bob waits at its prompt");
        var bob = (await _workspace.Session("bob"))!["session_id"]!.GetValue<string>();
        await Eventually.Until(() => (address = SocketOf(bob)) is not null, Patience, "claude opened bob's messaging socket");

        // When another session sends bob a message with Claude Code's own SendMessage tool
        var alice = await ClaudeCli.RunPrintAsync(
            "ALICE-TASK: tell bob to review.",
            _workspace.Repo.Path,
            _workspace.ClaudeEnvironment(model).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
            ["--allowedTools", "SendMessage"]);
        var aliceId = JsonNode.Parse(alice.EnsureSuccess("claude -p (alice)").StdOut)!["session_id"]!.GetValue<string>();

        // Then claude delivered it to bob and woke it (bob's model saw it), and Baton kept it in a thread from alice to bob
        (await model.WaitForRequestAsync(r => r.Body.Contains("NATIVE-HELLO", StringComparison.Ordinal) && !r.Body.Contains("ALICE-TASK", StringComparison.Ordinal), Patience))
            .ShouldNotBeNull("claude delivered the message to bob");
        var sent = JsonNode.Parse((await _workspace.Baton.RunAsync("events", "--json", "--type", "message.sent")).EnsureSuccess("baton events").StdOut)!.AsArray()
            .ShouldHaveSingleItem()!;
        sent["actor"]!.GetValue<string>().ShouldBe(aliceId);
        sent["data"]!["delivered_by"]!.GetValue<string>().ShouldBe("claude");
        sent["data"]!["to"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldBe(bob);
        var thread = (await _workspace.Baton.RunAsync("thread", sent["data"]!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .EnsureSuccess("baton thread").StdOut;
        thread.ShouldContain("NATIVE-HELLO: please review the API change.");
    }

    [Fact]
    public async Task A_name_baton_new_gives_is_the_name_claudes_list_agents_shows_other_sessions()
    {
        // Given api, started by baton new --name api, and another session whose model calls Claude Code's ListAgents
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(request => ModelRequests.LastPromptWith(request, "ASKER-TASK") && ModelRequests.ToolResultsSince(request, "ASKER-TASK") == 0
            ? ModelStep.ToolUse("ListAgents", new { })
            : ModelStep.Text("Noted."));
        await _workspace.StartSession(model, "api", "API-TASK: stand by.", []);

        // When the other session asks who is there
        await _workspace.StartSession(model, "asker", "ASKER-TASK: who else is working here?", []);

        // Then claude's answer names api as Baton does
        var answered = await model.WaitForRequestAsync(
            r => ModelRequests.LastPromptWith(r, "ASKER-TASK") && ModelRequests.ToolResultsSince(r, "ASKER-TASK") == 1, Patience);
        var listed = ModelRequests.LastUserText(answered);
        _output.WriteLine("ListAgents answered: " + listed);
        listed.ShouldContain("Peer sessions (1):");
        listed.ShouldContain("  api [");
    }

    /// <summary>The <c>uds:</c> address of a session's messaging socket, from Claude Code's registry; null until it has one.</summary>
    private string? SocketOf(string sessionId)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(_workspace.Sandbox.Home, ".claude", "sessions"), "*.json"))
        {
            var entry = JsonNode.Parse(File.ReadAllText(file))!;
            if (entry["sessionId"]?.GetValue<string>() == sessionId && entry["messagingSocketPath"]?.GetValue<string>() is { } socket)
            {
                return "uds:" + socket;
            }
        }

        return null;
    }

    public void Dispose() => _workspace.Dispose();
}
