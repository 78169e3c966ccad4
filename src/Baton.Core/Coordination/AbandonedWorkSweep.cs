using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Coordination;

/// <summary>
/// Releases abandoned work: the locks and claimed queue items of sessions that have ended, whose <c>claude</c> process is
/// gone, or whose heartbeat (last update) is older than a limit. Each release is its own journaled transaction
/// (<see cref="Coordinator.ReleaseAbandoned"/>); running it again changes nothing. <c>baton prune</c> and the MCP server's
/// housekeeping both run it. Holders that are not sessions (<c>human</c>) are never swept.
/// </summary>
public sealed class AbandonedWorkSweep
{
    /// <summary>The default heartbeat limit: a session silent for longer counts as gone (30 minutes).</summary>
    public static readonly TimeSpan DefaultHeartbeatLimit = TimeSpan.FromMinutes(30);

    private readonly IStore _sessions;
    private readonly ICoordinationStore _work;
    private readonly Coordinator _coordinator;
    private readonly ISessionLiveness _liveness;
    private readonly TimeProvider _time;
    private readonly TimeSpan _heartbeatLimit;

    /// <summary>Creates a sweep.</summary>
    /// <param name="sessions">The session store.</param>
    /// <param name="work">The coordination store (usually the same object as <paramref name="sessions"/>).</param>
    /// <param name="liveness">Judges whether a session's process is gone.</param>
    /// <param name="time">The clock (UTC).</param>
    /// <param name="heartbeatLimit">How long a session may be silent before its work counts as abandoned.</param>
    public AbandonedWorkSweep(IStore sessions, ICoordinationStore work, ISessionLiveness liveness, TimeProvider time, TimeSpan heartbeatLimit)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeatLimit, TimeSpan.Zero);
        _sessions = sessions;
        _work = work;
        _coordinator = new Coordinator(work, time);
        _liveness = liveness;
        _time = time;
        _heartbeatLimit = heartbeatLimit;
    }

    /// <summary>Releases the work of every abandoning holder.</summary>
    /// <param name="actor">Who sweeps: a session id or <c>human</c>.</param>
    /// <returns>What was released, one entry per holder that had anything.</returns>
    public IReadOnlyList<AbandonedWork> Run(string actor)
    {
        var released = new List<AbandonedWork>();
        foreach (var holder in _work.ListWorkHolders())
        {
            if (_sessions.GetSession(holder) is { } session && Abandoned(session))
            {
                var work = _coordinator.ReleaseAbandoned(session.SessionId, actor);
                if (!work.IsEmpty)
                {
                    released.Add(work);
                }
            }
        }

        return released;
    }

    private bool Abandoned(Session session) =>
        session.IsEnded || _liveness.IsGone(session) || _time.GetUtcNow() - session.UpdatedAt > _heartbeatLimit;
}
