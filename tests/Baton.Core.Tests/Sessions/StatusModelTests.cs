using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class StatusModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private long _clock = 1_000;

    [Fact]
    public void A_first_event_creates_the_session_with_its_facts()
    {
        var session = StatusModel.Apply(null, Observe(HookEvents.SessionStart) with
        {
            Cwd = "/work/api",
            Model = "claude-sonnet",
            TranscriptPath = "/t.jsonl",
            Process = new ProcessIdentity("host", 42, 777),
            Git = new GitFacts("/work/api", "main", true),
        });

        session.SessionId.ShouldBe("s1");
        session.Status.ShouldBe(SessionStatus.WaitingInput, "a session that starts is at its prompt until a prompt is submitted");
        session.StartedAt.ShouldBe(T0);
        session.Project.ShouldBe("api");
        session.ProjectRoot.ShouldBe("/work/api");
        session.Branch.ShouldBe("main");
        session.Dirty.ShouldBe(true);
        session.Pid.ShouldBe(42);
        session.ProcessStart.ShouldBe(777);
        session.Model.ShouldBe("claude-sonnet");
        session.LastEvent.ShouldBe(HookEvents.SessionStart);
    }

    [Fact]
    public void The_native_task_list_in_claudes_environment_becomes_the_sessions_list_when_it_starts_and_a_left_list_stays_left()
    {
        var started = StatusModel.Apply(null, Observe(HookEvents.SessionStart) with { TaskList = "plan" });
        var kept = StatusModel.Apply(started with { TaskList = "joined" }, Observe(HookEvents.PostToolUse) with { TaskList = "plan" });
        var left = StatusModel.Apply(started with { TaskList = null }, Observe(HookEvents.PostToolUse) with { TaskList = "plan" });
        var restarted = StatusModel.Apply(left, Observe(HookEvents.SessionStart) with { TaskList = "plan" });
        var firstSeenLater = StatusModel.Apply(null, Observe(HookEvents.UserPromptSubmit) with { TaskList = "plan" });

        started.TaskList.ShouldBe("plan");
        kept.TaskList.ShouldBe("joined", "a list the session joined is not replaced");
        left.TaskList.ShouldBeNull("a session that left its list is not put back by a later hook");
        restarted.TaskList.ShouldBe("plan");
        firstSeenLater.TaskList.ShouldBe("plan", "a session Baton first sees mid-way (hooks installed later) is recorded on it too");
    }

    [Fact]
    public void An_interactive_turn_with_a_permission_prompt_follows_the_status_model()
    {
        var statuses = Run(
            Observe(HookEvents.SessionStart),
            Observe(HookEvents.UserPromptSubmit),
            Observe(HookEvents.PreToolUse) with { ToolName = "Bash" },
            Observe(HookEvents.PermissionRequest) with { ToolName = "Bash" },
            Observe(HookEvents.Notification) with { NotificationType = "permission_prompt" },
            Observe(HookEvents.PostToolUse) with { ToolName = "Bash" },
            Observe(HookEvents.Stop));

        statuses.Statuses.ShouldBe([
            SessionStatus.WaitingInput, SessionStatus.Running, SessionStatus.Running, SessionStatus.WaitingPermission,
            SessionStatus.WaitingPermission, SessionStatus.Running, SessionStatus.WaitingInput,
        ]);
    }

    [Theory]
    [InlineData("startup", SessionStatus.Running, SessionStatus.WaitingInput)]
    [InlineData("resume", SessionStatus.Exited, SessionStatus.WaitingInput)]
    [InlineData("clear", SessionStatus.WaitingInput, SessionStatus.WaitingInput)]
    [InlineData("compact", SessionStatus.Running, SessionStatus.Running)]
    [InlineData("compact", SessionStatus.WaitingInput, SessionStatus.WaitingInput)]
    [InlineData("compact", SessionStatus.Starting, SessionStatus.Running)]
    public void Session_start_leaves_a_session_at_rest_at_its_prompt_but_a_compaction_keeps_its_status(string source, SessionStatus before, SessionStatus expected)
    {
        var session = new Session { SessionId = "s1", Status = before, StartedAt = T0, UpdatedAt = T0 };

        StatusModel.Apply(session, Observe(HookEvents.SessionStart) with { Reason = source }).Status.ShouldBe(expected);
    }

    [Theory]
    [InlineData("idle_prompt", SessionStatus.WaitingInput)]
    [InlineData("elicitation_dialog", SessionStatus.WaitingInput)]
    [InlineData("permission_prompt", SessionStatus.WaitingPermission)]
    [InlineData("auth_success", SessionStatus.Running)]
    public void Notifications_set_the_status_their_type_names(string type, SessionStatus expected)
    {
        var running = StatusModel.Apply(null, Observe(HookEvents.UserPromptSubmit));

        StatusModel.Apply(running, Observe(HookEvents.Notification) with { NotificationType = type }).Status.ShouldBe(expected);
    }

    [Fact]
    public void A_stop_while_subagents_run_is_not_waiting_for_input_until_the_last_one_stops()
    {
        var statuses = Run(
            Observe(HookEvents.UserPromptSubmit),
            Observe(HookEvents.SubagentStart),
            Observe(HookEvents.SubagentStart),
            Observe(HookEvents.Stop),
            Observe(HookEvents.SubagentStop),
            Observe(HookEvents.SubagentStop));

        statuses.Statuses.ShouldBe([
            SessionStatus.Running, SessionStatus.Running, SessionStatus.Running, SessionStatus.Running,
            SessionStatus.Running, SessionStatus.WaitingInput,
        ]);
    }

    [Theory]
    [InlineData("agent-1", SessionStatus.WaitingInput)]
    [InlineData(null, SessionStatus.Running)]
    public void A_subagents_tool_calls_after_the_main_agent_stopped_start_no_main_turn(string? agentId, SessionStatus afterLastSubagent)
    {
        var statuses = Run(
            Observe(HookEvents.UserPromptSubmit),
            Observe(HookEvents.SubagentStart) with { AgentId = "agent-1" },
            Observe(HookEvents.Stop),
            Observe(HookEvents.PreToolUse) with { ToolName = "Bash", AgentId = agentId },
            Observe(HookEvents.PostToolUse) with { ToolName = "Bash", AgentId = agentId },
            Observe(HookEvents.SubagentStop) with { AgentId = "agent-1" });

        statuses.Statuses[^1].ShouldBe(afterLastSubagent, agentId is null ? "a main agent's tool call began a new turn" : "the subagent's call did not");
        statuses.Session.StopPending.ShouldBeFalse();
    }

    [Fact]
    public void A_stop_failure_rests_at_the_prompt_with_the_error_as_reason_and_may_be_woken()
    {
        var running = StatusModel.Apply(null, Observe(HookEvents.UserPromptSubmit));

        var failed = StatusModel.Apply(running, Observe(HookEvents.StopFailure) with { Reason = "overloaded_error" });

        failed.Status.ShouldBe(SessionStatus.WaitingInput);
        failed.StatusReason.ShouldBe("turn failed: overloaded_error");
        StatusModel.FailedTurnError(failed).ShouldBe("overloaded_error");
        IdlePrompt.MainAgentIdle(failed).ShouldBeTrue("a message may wake a session whose turn failed");
        StatusModel.Apply(failed, Observe(HookEvents.UserPromptSubmit)).StatusReason.ShouldBeNull();
    }

    [Fact]
    public void A_dialog_is_no_prompt_and_no_failed_turn()
    {
        var dialog = StatusModel.Apply(null, Observe(HookEvents.Stop)) with { StatusReason = "dialog open" };

        IdlePrompt.MainAgentIdle(dialog).ShouldBeFalse();
        StatusModel.FailedTurnError(dialog).ShouldBeNull();
    }

    [Fact]
    public void Session_end_moves_the_session_to_history_with_its_reason()
    {
        var running = StatusModel.Apply(null, Observe(HookEvents.UserPromptSubmit));

        var ended = StatusModel.Apply(running, Observe(HookEvents.SessionEnd) with { Reason = "prompt_input_exit" });

        ended.Status.ShouldBe(SessionStatus.Exited);
        ended.EndedAt.ShouldBe(T0);
        ended.EndReason.ShouldBe("prompt_input_exit");
        ended.IsEnded.ShouldBeTrue();
    }

    [Fact]
    public void An_event_that_arrives_late_keeps_its_facts_but_not_its_status()
    {
        var early = Observe(HookEvents.PreToolUse) with { ToolName = "Bash" };
        var late = Observe(HookEvents.PermissionRequest) with { ToolName = "Bash" };
        var afterLate = StatusModel.Apply(null, late);

        var session = StatusModel.Apply(afterLate, early with { Cwd = "/elsewhere" });

        session.Status.ShouldBe(SessionStatus.WaitingPermission);
        session.LastEvent.ShouldBe(HookEvents.PermissionRequest);
        session.Cwd.ShouldBe("/elsewhere");
    }

    [Fact]
    public void Events_in_the_same_10_ms_are_ordered_by_their_place_in_a_turn()
    {
        HookEventOrder.Compose(500, HookEvents.PermissionRequest).ShouldBeGreaterThan(HookEventOrder.Compose(500, HookEvents.PreToolUse));
        HookEventOrder.Compose(501, HookEvents.SessionStart).ShouldBeGreaterThan(HookEventOrder.Compose(500, HookEvents.SessionEnd));
    }

    [Fact]
    public void A_late_tool_event_does_not_reopen_an_ended_session_but_a_new_prompt_does()
    {
        var ended = Run(Observe(HookEvents.UserPromptSubmit), Observe(HookEvents.SessionEnd) with { Reason = "other" }).Session;

        var stillEnded = StatusModel.Apply(ended, Observe(HookEvents.PostToolUse) with { ToolName = "Bash" });
        var resumed = StatusModel.Apply(ended, Observe(HookEvents.SessionStart));

        stillEnded.IsEnded.ShouldBeTrue();
        stillEnded.Status.ShouldBe(SessionStatus.Exited);
        resumed.IsEnded.ShouldBeFalse();
        resumed.Status.ShouldBe(SessionStatus.WaitingInput);
        resumed.EndReason.ShouldBeNull();
    }

    [Fact]
    public void Outside_git_the_project_is_the_working_directory()
    {
        var session = StatusModel.Apply(null, Observe(HookEvents.SessionStart) with { Cwd = "/tmp/scratch" });

        session.ProjectRoot.ShouldBe("/tmp/scratch");
        session.Project.ShouldBe("scratch");
        session.Branch.ShouldBeNull();
        session.Dirty.ShouldBeNull();
    }

    private HookObservation Observe(string eventName) => new()
    {
        SessionId = "s1",
        EventName = eventName,
        Order = HookEventOrder.Compose(_clock++, eventName),
        At = T0,
    };

    private static RunResult Run(params HookObservation[] observations)
    {
        Session? session = null;
        var statuses = new List<SessionStatus>();
        foreach (var observation in observations)
        {
            session = StatusModel.Apply(session, observation);
            statuses.Add(session.Status);
        }

        return new RunResult(session!, statuses);
    }

    private sealed record RunResult(Session Session, List<SessionStatus> Statuses);
}
