using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Coordination;

/// <summary>
/// Releases abandoned work: the locks, claimed queue items and owned tasks of sessions that have ended, whose <c>claude</c>
/// process is gone, or whose heartbeat (last update) is older than a limit. Each holder's release is two journaled
/// transactions, one per store contract (<see cref="Release"/>); running it again changes nothing. <c>baton prune</c> (and its
/// <c>--dry-run</c>, <see cref="Preview"/>) and the MCP server's housekeeping all run it, so the judgement is made in this one
/// place. Holders that are not sessions (<c>human</c>) are never swept.
/// </summary>
public sealed class AbandonedWorkSweep
{
    /// <summary>The default heartbeat limit: a session silent for longer counts as gone (30 minutes).</summary>
    public static readonly TimeSpan DefaultHeartbeatLimit = TimeSpan.FromMinutes(30);

    private readonly IBatonStore _store;
    private readonly Coordinator _coordinator;
    private readonly ISessionLiveness _liveness;
    private readonly TimeProvider _time;
    private readonly TimeSpan _heartbeatLimit;

    /// <summary>Creates a sweep.</summary>
    /// <param name="store">The store.</param>
    /// <param name="liveness">Judges whether a session's process is gone.</param>
    /// <param name="time">The clock (UTC).</param>
    /// <param name="heartbeatLimit">How long a session may be silent before its work counts as abandoned.</param>
    public AbandonedWorkSweep(IBatonStore store, ISessionLiveness liveness, TimeProvider time, TimeSpan heartbeatLimit)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeatLimit, TimeSpan.Zero);
        _store = store;
        _coordinator = new Coordinator(store, time);
        _liveness = liveness;
        _time = time;
        _heartbeatLimit = heartbeatLimit;
    }

    /// <summary>Releases the work of every abandoning holder.</summary>
    /// <param name="actor">Who sweeps: a session id or <c>human</c>.</param>
    /// <returns>What was released, one entry per holder that had anything.</returns>
    public IReadOnlyList<AbandonedWork> Run(string actor) => Each(session => ReleaseWith(_store, _coordinator, session.SessionId, actor));

    /// <summary>What <see cref="Run"/> would release now, changing nothing (<c>baton prune --dry-run</c>).</summary>
    /// <returns>The work of every abandoning holder, one entry per holder that has anything.</returns>
    public IReadOnlyList<AbandonedWork> Preview() =>
        Each(session => _store.ListHeldWork(session.SessionId) with { Tasks = _store.ListOwnedTasks(session.SessionId) });

    /// <summary>
    /// Lets go of one gone session's work, whatever judged it gone (its SessionEnd hook, <c>baton kill</c>, an MCP sign-off,
    /// the sweep): its locks and claimed queue items (<see cref="Coordinator.ReleaseAbandoned"/>), then its unfinished tasks,
    /// back to pending and unowned (<see cref="ITaskStore.ReleaseAbandonedTasks"/>). Idempotent.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="sessionId">The session whose work is abandoned.</param>
    /// <param name="actor">Who releases it.</param>
    /// <returns>What was released.</returns>
    /// <exception cref="UserErrorException">An argument is not a valid name.</exception>
    public static AbandonedWork Release(IBatonStore store, TimeProvider time, string sessionId, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        return ReleaseWith(store, new Coordinator(store, time), sessionId, actor);
    }

    private static AbandonedWork ReleaseWith(IBatonStore store, Coordinator coordinator, string sessionId, string actor) =>
        coordinator.ReleaseAbandoned(sessionId, actor) with { Tasks = store.ReleaseAbandonedTasks(sessionId, actor) };

    private List<AbandonedWork> Each(Func<Session, AbandonedWork> take)
    {
        var found = new List<AbandonedWork>();
        foreach (var holder in _store.ListWorkHolders().Union(_store.ListTaskOwners(), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (_store.GetSession(holder) is { } session && Abandoned(session) && take(session) is { IsEmpty: false } work)
            {
                found.Add(work);
            }
        }

        return found;
    }

    private bool Abandoned(Session session) =>
        session.IsEnded || _liveness.IsGone(session) || _time.GetUtcNow() - session.UpdatedAt > _heartbeatLimit;
}
