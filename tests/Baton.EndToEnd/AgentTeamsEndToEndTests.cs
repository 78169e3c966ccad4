using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.EndToEnd;

/// <summary>
/// Agent teams (Claude Code 2.1.332, <c>CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS=1</c>, <c>teammateMode: "tmux"</c>): a lead
/// started by <c>baton new</c> spawns a teammate with the Agent tool and a <c>name</c>; claude starts it as a claude process
/// of its own in a new tmux pane, and Baton lists it under its lead.
/// </summary>
public sealed class AgentTeamsEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly ITestOutputHelper _output;
    private readonly SupervisedWorkspace _workspace;

    public AgentTeamsEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
        _workspace = new SupervisedWorkspace(output);
    }

    [Fact]
    public async Task A_teammate_its_lead_spawns_is_listed_under_the_lead_with_its_team_and_its_events_are_recorded()
    {
        // Given agent teams on, teammates in tmux panes, and a model that has the lead spawn alice
        var settingsFile = Path.Combine(_workspace.Sandbox.Home, ".claude", "settings.json");
        var settings = JsonNode.Parse(File.ReadAllText(settingsFile))!.AsObject();
        settings["teammateMode"] = "tmux";
        settings["env"] = new JsonObject { ["CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS"] = "1" };
        File.WriteAllText(settingsFile, settings.ToJsonString());
        await using var model = await ScriptedModelServer.StartAsync(log: _output.WriteLine);
        model.SetScript(request =>
            request.Body.Contains("LEAD-TASK", StringComparison.Ordinal) && request.ToolResultCount == 0 && !request.Body.Contains("TEAMMATE-TASK", StringComparison.Ordinal)
                ? ModelStep.ToolUse("Agent", new { description = "review the change", prompt = "TEAMMATE-TASK: review the change.", name = "alice" })
                : ModelStep.Text("Done."));

        // When the lead runs (accept-edits mode runs the Agent tool without asking)
        var lead = await _workspace.StartSession(model, "lead", "LEAD-TASK: split the work.", [], "--permission-mode", "acceptEdits");

        // Then alice is a session of its own, a teammate of the lead's team, and listed right under the lead
        JsonNode? alice = null;
        await Eventually.Until(
            async () => (alice = (await Sessions()).SingleOrDefault(s => s!["agent_name"]?.GetValue<string>() == "alice")) is not null,
            Patience,
            "the teammate registered itself");
        alice!["parent_session_id"]!.GetValue<string>().ShouldBe(lead);
        alice["team_name"]!.GetValue<string>().ShouldBe("session-" + lead[..8], "Claude Code names a session's implicit team after it");
        alice["session_id"]!.GetValue<string>().ShouldNotBe(lead);
        alice["pid"]!.GetValue<int>().ShouldNotBe((await _workspace.Session("lead"))!["pid"]!.GetValue<int>(), "a teammate in tmux is a claude process of its own");
        (await Sessions()).Select(s => s!["session_id"]!.GetValue<string>()).ShouldBe([lead, alice["session_id"]!.GetValue<string>()]);

        var table = (await _workspace.Baton.RunAsync("ls")).EnsureSuccess("baton ls").StdOut.Split('\n');
        var leadRow = Array.FindIndex(table, l => l.Contains(lead[..8], StringComparison.Ordinal));
        leadRow.ShouldBeGreaterThan(0);
        table[leadRow + 1].ShouldContain("└ alice");

        // And alice's TeammateIdle is in the journal
        await Eventually.Until(
            async () => (await Events("session.activity")).Any(e => e!["data"]?["event"]?.GetValue<string>() == "TeammateIdle"
                && e["data"]?["teammate"]?.GetValue<string>() == "alice" && e["actor"]?.GetValue<string>() == alice["session_id"]!.GetValue<string>()),
            Patience,
            "TeammateIdle is recorded in alice's session with its name");
    }

    private async Task<JsonArray> Sessions() =>
        JsonNode.Parse((await _workspace.Baton.RunAsync("ls", "--json")).EnsureSuccess("baton ls --json").StdOut)!.AsArray();

    private async Task<JsonArray> Events(string type) =>
        JsonNode.Parse((await _workspace.Baton.RunAsync("events", "--json", "--type", type)).EnsureSuccess("baton events").StdOut)!.AsArray();

    public void Dispose() => _workspace.Dispose();
}
