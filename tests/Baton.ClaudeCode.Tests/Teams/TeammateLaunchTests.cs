using System.Diagnostics;
using System.Text;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Teams;

namespace Baton.ClaudeCode.Tests.Teams;

public sealed class TeammateLaunchTests
{
    private const string Lead = "c8bb6339-15d2-42fb-877a-4c746e8a310e";

    [Fact]
    public void A_teammates_command_line_as_claude_2_1_332_writes_it_names_team_agent_and_lead()
    {
        // As seen in ps for a teammate its lead started in a tmux pane (AgentTeamsEndToEndTests).
        var teammate = TeammateLaunch.Parse([
            "/usr/lib/node_modules/@anthropic-ai/claude-code/bin/claude.exe", "--agent-id", "alice@session-c8bb6339", "--agent-name", "alice",
            "--team-name", "session-c8bb6339", "--agent-color", "blue", "--parent-session-id", Lead, "--lead-verify-key", "1796476298040.MCow",
            "--permission-mode", "acceptEdits", "--model", "claude-opus-5-5",
        ]);

        teammate.ShouldNotBeNull();
        teammate.TeamName.ShouldBe("session-c8bb6339");
        teammate.AgentName.ShouldBe("alice");
        teammate.ParentSessionId.ShouldBe(Lead);
    }

    [Fact]
    public void Options_written_with_an_equals_sign_count_too()
    {
        TeammateLaunch.Parse(["claude", "--team-name=t", "--agent-name=bob"]).ShouldBe(new Core.Sessions.Teammate("t", "bob", null));
    }

    [Theory]
    [InlineData("claude --name lead -- --team-name t --agent-name x")]
    [InlineData("claude --team-name t")]
    [InlineData("claude --agent-name x")]
    [InlineData("claude --team-name")]
    [InlineData("claude")]
    public void A_session_that_is_no_teammate_has_no_team(string commandLine) =>
        TeammateLaunch.Parse(commandLine.Split(' ')).ShouldBeNull();

    [Fact]
    public void A_name_with_a_control_character_or_a_bad_lead_id_is_not_taken()
    {
        TeammateLaunch.Parse(["claude", "--team-name", "t", "--agent-name", "x\u001b]52;c;aGk=\u0007"]).ShouldBeNull();
        TeammateLaunch.Parse(["claude", "--team-name", "t", "--agent-name", "x", "--parent-session-id", "\n"])!.ParentSessionId.ShouldBeNull();
    }

    [Fact]
    public void A_running_process_is_read_from_its_command_line()
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 30; :", "sh", "--team-name", "t", "--agent-name", "x"]) { UseShellExecute = false })!;
        try
        {
            // Process.Start returns once the child is forked: its command line is the shell's once it has exec'd (the shell
            // takes the options as positional parameters and lives on while sleep runs).
            SpinWait.SpinUntil(() => Platform.Processes.ProcessTable.Arguments(process.Id)?.Contains("--team-name") == true, TimeSpan.FromSeconds(30)).ShouldBeTrue();
            TeammateLaunch.Of(process.Id).ShouldBe(new Core.Sessions.Teammate("t", "x", null));
            TeammateLaunch.Of(Environment.ProcessId).ShouldBeNull();
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    [Fact]
    public void Task_and_teammate_events_hand_over_their_fields()
    {
        var input = HookInput.Parse(Encoding.UTF8.GetBytes(
            """{"session_id": "s-1", "hook_event_name": "TaskCompleted", "task_id": "3", "task_subject": "Review the API", "teammate_name": "alice", "team_name": "session-c8bb6339"}"""));

        input.TaskId.ShouldBe("3");
        input.TaskSubject.ShouldBe("Review the API");
        input.TeammateName.ShouldBe("alice");
    }
}
