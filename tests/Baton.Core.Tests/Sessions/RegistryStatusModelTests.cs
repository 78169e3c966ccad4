using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

/// <summary>What Claude Code's live-session registry adds to the statuses hooks give (StatusModel.Apply of a
/// RegistryObservation).</summary>
public sealed class RegistryStatusModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private long _clock = 1_000;

    [Fact]
    public void A_permission_prompt_no_hook_announced_is_a_wait_for_permission_and_busy_again_is_running()
    {
        var running = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.PreToolUse);

        var prompt = StatusModel.Apply(running, Read("waiting", "permission prompt"));
        var approved = StatusModel.Apply(prompt, Read("busy"));

        running.Status.ShouldBe(SessionStatus.Running);
        prompt.Status.ShouldBe(SessionStatus.WaitingPermission);
        prompt.StatusReason.ShouldBeNull();
        approved.Status.ShouldBe(SessionStatus.Running);
    }

    [Fact]
    public void A_dialog_is_a_wait_for_input_that_says_so_and_is_no_prompt_to_wake()
    {
        var session = StatusModel.Apply(Hooked(HookEvents.SessionStart), Read("waiting", "dialog open"));

        session.Status.ShouldBe(SessionStatus.WaitingInput);
        session.StatusReason.ShouldBe("dialog open");
        IdlePrompt.MainAgentIdle(session).ShouldBeFalse("a message must not be handed to a session in a dialog");
        IdlePrompt.MainAgentIdle(StatusModel.Apply(session, Read("idle"))).ShouldBeTrue("idle at the prompt again");
    }

    [Fact]
    public void Idle_after_a_failed_turn_keeps_the_error()
    {
        var failed = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.StopFailure);

        failed.StatusReason.ShouldBe("turn failed: API error");
        StatusModel.Apply(failed, Read("idle")).ShouldBeSameAs(failed);
    }

    [Fact]
    public void A_failed_turns_hook_recorded_after_the_registry_said_idle_still_tells_the_error()
    {
        var running = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit);
        var failureStarted = HookEventOrder.Compose(_clock++, HookEvents.StopFailure);
        var idle = StatusModel.Apply(running, Read("idle"));

        var failed = StatusModel.Apply(idle, new HookObservation { SessionId = "s1", EventName = HookEvents.StopFailure, Reason = "rate_limit", Order = failureStarted, At = T0 });

        idle.StatusReason.ShouldBeNull();
        failed.Status.ShouldBe(SessionStatus.WaitingInput);
        failed.StatusReason.ShouldBe("turn failed: rate_limit");
        IdlePrompt.MainAgentIdle(failed).ShouldBeTrue();
        var stopped = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.Stop);
        StatusModel.Apply(stopped, new HookObservation { SessionId = "s1", EventName = HookEvents.StopFailure, Order = 1, At = T0 })
            .StatusReason.ShouldBeNull("a failure older than the turn's own Stop is no news");
    }

    [Fact]
    public void A_reading_older_than_the_last_hook_changes_nothing()
    {
        var stale = Read("waiting", "permission prompt");
        var session = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.PostToolUse);

        StatusModel.Apply(session, stale).ShouldBeSameAs(session);
    }

    [Fact]
    public void A_reading_that_agrees_with_the_hooks_changes_nothing()
    {
        var session = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit);

        StatusModel.Apply(session, Read("busy")).ShouldBeSameAs(session);
    }

    [Fact]
    public void Idle_while_subagents_run_keeps_running_with_the_stop_pending()
    {
        var session = Hooked(HookEvents.SessionStart, HookEvents.UserPromptSubmit, HookEvents.SubagentStart);

        var idle = StatusModel.Apply(session, Read("idle"));

        idle.Status.ShouldBe(SessionStatus.Running);
        idle.StopPending.ShouldBeTrue();
    }

    [Fact]
    public void An_ended_session_stays_ended()
    {
        var ended = Hooked(HookEvents.SessionStart, HookEvents.SessionEnd);

        StatusModel.Apply(ended, Read("busy")).ShouldBeSameAs(ended);
    }

    [Fact]
    public void A_session_no_hook_told_of_is_made_from_the_registry()
    {
        var session = StatusModel.Apply(null, Read("idle") with { Cwd = "/work/api", Process = new ProcessIdentity("host", 42, 777) });

        session.SessionId.ShouldBe("s1");
        session.Status.ShouldBe(SessionStatus.WaitingInput);
        session.Project.ShouldBe("api");
        session.Pid.ShouldBe(42);
    }

    [Fact]
    public void An_unknown_state_changes_nothing()
    {
        var session = Hooked(HookEvents.SessionStart);

        StatusModel.Apply(session, Read("sleeping")).ShouldBeSameAs(session);
    }

    private Session Hooked(params string[] events)
    {
        Session? session = null;
        foreach (var name in events)
        {
            session = StatusModel.Apply(session, new HookObservation { SessionId = "s1", EventName = name, Order = HookEventOrder.Compose(_clock++, name), At = T0 });
        }

        return session!;
    }

    private RegistryObservation Read(string state, string? waitingFor = null) => new()
    {
        SessionId = "s1",
        State = state,
        WaitingFor = waitingFor,
        Order = HookEventOrder.Compose(_clock++, HookEvents.Notification),
        At = T0,
    };
}
