using Baton.Core.Tasks;

namespace Baton.Core.Coordination;

/// <summary>What was let go of (or would be) for a session that is gone: by <see cref="ICoordinationStore.ReleaseAbandoned"/>
/// its locks and queue items, and by <see cref="ITaskStore.ReleaseAbandonedTasks"/> its tasks (see <see cref="AbandonedWorkSweep.Release"/>).</summary>
/// <param name="Locks">The session's live locks that were released, as they were.</param>
/// <param name="Items">The queue items it had claimed that are pending again, as they were before.</param>
public sealed record AbandonedWork(IReadOnlyList<LockInfo> Locks, IReadOnlyList<QueueItem> Items)
{
    /// <summary>The unfinished tasks it owned that are pending and unowned again, as they were before; empty when none.</summary>
    public IReadOnlyList<TaskItem> Tasks { get; init; } = [];

    /// <summary>True when there was nothing to release.</summary>
    public bool IsEmpty => Locks.Count == 0 && Items.Count == 0 && Tasks.Count == 0;
}
