using Baton.Core.Sessions;

namespace Baton.Core.Tests.Sessions;

public sealed class IdlePromptTests
{
    private const long ArmedAt = 50_000;

    [Theory]
    [InlineData(SessionStatus.WaitingInput, false, true)]
    [InlineData(SessionStatus.Running, true, true)]
    [InlineData(SessionStatus.Running, false, false)]
    [InlineData(SessionStatus.WaitingPermission, false, false)]
    public void The_main_agent_is_idle_at_its_prompt_or_when_only_subagents_outlived_its_turn(SessionStatus status, bool stopPending, bool idle) =>
        IdlePrompt.MainAgentIdle(Session(status, 0, stopPending: stopPending)).ShouldBe(idle);

    [Fact]
    public void Events_of_the_stopping_turn_itself_never_count_as_moving_on()
    {
        IdlePrompt.MovedOn(Session(SessionStatus.Running, ArmedAt + IdlePrompt.LaterTurnMargin), ArmedAt, idleAt: null).ShouldBeFalse();
        IdlePrompt.MovedOn(Session(SessionStatus.Running, ArmedAt + IdlePrompt.LaterTurnMargin + 1), ArmedAt, idleAt: null).ShouldBeTrue();
    }

    [Fact]
    public void After_idle_a_later_turn_a_permission_prompt_or_another_stop_moves_on_but_subagent_work_does_not()
    {
        const long idleAt = ArmedAt + 10;
        IdlePrompt.MovedOn(Session(SessionStatus.Running, idleAt + 1), ArmedAt, idleAt).ShouldBeTrue();
        IdlePrompt.MovedOn(Session(SessionStatus.WaitingPermission, idleAt + 1), ArmedAt, idleAt).ShouldBeTrue();
        IdlePrompt.MovedOn(Session(SessionStatus.WaitingInput, idleAt + 1, lastEvent: HookEvents.Stop), ArmedAt, idleAt).ShouldBeTrue();
        IdlePrompt.MovedOn(Session(SessionStatus.Running, idleAt + 1, stopPending: true), ArmedAt, idleAt).ShouldBeFalse();
        IdlePrompt.MovedOn(Session(SessionStatus.WaitingInput, idleAt, lastEvent: HookEvents.Stop), ArmedAt, idleAt).ShouldBeFalse();
    }

    private static Session Session(SessionStatus status, long order, bool stopPending = false, string? lastEvent = null) => new()
    {
        SessionId = "s1",
        StartedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Status = status,
        EventOrder = order,
        StopPending = stopPending,
        LastEvent = lastEvent,
    };
}
