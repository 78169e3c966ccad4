namespace Baton.Core.Coordination;

/// <summary>What <see cref="ICoordinationStore.ReleaseAbandoned"/> let go of for a session that is gone.</summary>
/// <param name="Locks">The session's live locks that were released, as they were.</param>
/// <param name="Items">The queue items it had claimed that are pending again, as they were before.</param>
public sealed record AbandonedWork(IReadOnlyList<LockInfo> Locks, IReadOnlyList<QueueItem> Items)
{
    /// <summary>True when there was nothing to release.</summary>
    public bool IsEmpty => Locks.Count == 0 && Items.Count == 0;
}
