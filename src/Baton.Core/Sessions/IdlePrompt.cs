namespace Baton.Core.Sessions;

/// <summary>
/// When a session rests at its prompt, by the status <see cref="StatusModel"/> gives it: what the wake hook (the
/// <c>asyncRewake</c> hook armed at Stop and SessionStart) asks before it hands a message over and while it waits. Pure: no I/O.
/// </summary>
public static class IdlePrompt
{
    /// <summary>Before a waiter has seen the session idle, how much later than its own start an event must begin to count
    /// as a later turn's, in order-key units (10 ms × 16, see <see cref="HookEventOrder"/>): 1 s, so the stopping turn's own
    /// events never count.</summary>
    public const long LaterTurnMargin = 100 * 16;

    /// <summary>Whether the session waits for input at its prompt: with no <see cref="Session.StatusReason"/>, or a failed
    /// turn's (<see cref="StatusModel.FailedTurnError"/>); any other reason, such as <c>dialog open</c> from Claude Code's
    /// registry, is a dialog, no prompt.</summary>
    /// <param name="session">The session as stored.</param>
    /// <returns>True when it rests at its prompt.</returns>
    public static bool AtPrompt(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Status == SessionStatus.WaitingInput && (session.StatusReason is null || StatusModel.FailedTurnError(session) is not null);
    }

    /// <summary>Whether the main agent waits at the prompt (<see cref="AtPrompt"/>), or runs only subagents that outlived
    /// the main agent's turn (<see cref="Session.StopPending"/>: a person could type now, so a wake is no
    /// interruption).</summary>
    /// <param name="session">The session as stored.</param>
    /// <returns>True when a message may wake it now.</returns>
    public static bool MainAgentIdle(Session session) => AtPrompt(session) || (session.Status == SessionStatus.Running && session.StopPending);

    /// <summary>Whether the session left the idle prompt a waiter was armed at: a later turn runs, waits for permission,
    /// or already ended its turn again (Stop or StopFailure). Work of subagents still running after the main agent stopped (<see cref="Session.StopPending"/>)
    /// is not a later turn: the prompt is the person's meanwhile, and only a prompt of theirs (UserPromptSubmit) ends that.</summary>
    /// <param name="session">The session as stored now.</param>
    /// <param name="armedAt">The order key (<see cref="HookEventOrder"/>) of the waiter's own start.</param>
    /// <param name="idleAt">The order key of the event after which the waiter first saw the session waiting for input (its
    /// Stop), or null when it has not yet: the Stop hook that records it runs at the same time as the waiter.</param>
    /// <returns>True when the waiter is no longer needed.</returns>
    public static bool MovedOn(Session session, long armedAt, long? idleAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.EventOrder > (idleAt ?? armedAt + LaterTurnMargin)
            && ((session.Status is SessionStatus.Running or SessionStatus.WaitingPermission && !session.StopPending)
                || (idleAt is not null && session.LastEvent is HookEvents.Stop or HookEvents.StopFailure));
    }
}
