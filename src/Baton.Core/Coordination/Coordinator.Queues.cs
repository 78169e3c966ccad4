namespace Baton.Core.Coordination;

public sealed partial class Coordinator
{
    /// <summary>Adds an item to a queue (<c>enqueue</c>).</summary>
    /// <param name="queue">The queue (a name).</param>
    /// <param name="itemJson">Any JSON value as text, at most <see cref="CoordinationLimits.MaxValueBytes"/> bytes.</param>
    /// <param name="actor">Who enqueues.</param>
    /// <param name="priority">Higher is claimed first: <see cref="CoordinationLimits.MinPriority"/> to <see cref="CoordinationLimits.MaxPriority"/>.</param>
    /// <returns>The item as stored, with its id.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public QueueItem Enqueue(string queue, string itemJson, string actor, int priority = 0)
    {
        CoordinationLimits.Name(queue, "queue");
        CoordinationLimits.Json(itemJson, "item");
        CoordinationLimits.Name(actor, "actor");
        CoordinationLimits.Range(priority, CoordinationLimits.MinPriority, CoordinationLimits.MaxPriority, "priority");
        return _store.Enqueue(queue, itemJson, priority, actor);
    }

    /// <summary>Claims the next pending item (<c>claim_next</c>): highest priority, then oldest; each item to exactly one
    /// claimer. An item whose lease expired is pending again.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="actor">Who claims.</param>
    /// <param name="lease">How long the claim lasts: 1 s to 24 h; null for <see cref="DefaultLease"/>.</param>
    /// <returns>The claimed item, or null when none is pending.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public QueueItem? ClaimNext(string queue, string actor, TimeSpan? lease = null)
    {
        CoordinationLimits.Name(queue, "queue");
        CoordinationLimits.Name(actor, "actor");
        CoordinationLimits.Duration(lease ?? DefaultLease, "lease");
        return _store.ClaimNext(queue, actor, lease ?? DefaultLease);
    }

    /// <summary>Completes a claimed item (<c>complete</c>). Only its claimer, while the lease lasts.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="actor">The claimer.</param>
    /// <param name="resultJson">A result, any JSON value as text (at most 256 KiB), or null.</param>
    /// <returns>The item as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, or the queue has no such item.</exception>
    /// <exception cref="QueueClaimException">The actor holds no live claim on it; it names the claimer.</exception>
    public QueueItem Complete(string queue, long id, string actor, string? resultJson = null)
    {
        CoordinationLimits.Name(queue, "queue");
        CoordinationLimits.Name(actor, "actor");
        if (resultJson is not null)
        {
            CoordinationLimits.Json(resultJson, "result");
        }

        return _store.Complete(queue, id, actor, resultJson) ?? throw UnknownItem(queue, id);
    }

    /// <summary>Gives a claimed item back to its queue (<c>release</c>). Only its claimer, while the lease lasts, unless
    /// <paramref name="force"/> (a person's override, journaled as forced with the real actor and origin).</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="actor">The claimer, or with <paramref name="force"/> whoever releases it.</param>
    /// <param name="force">Release another session's live claim.</param>
    /// <returns>The item as stored (pending).</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, or the queue has no such item.</exception>
    /// <exception cref="QueueClaimException">The actor (with <paramref name="force"/>: anyone) holds no live claim on it; it names the claimer.</exception>
    public QueueItem Release(string queue, long id, string actor, bool force = false)
    {
        CoordinationLimits.Name(queue, "queue");
        CoordinationLimits.Name(actor, "actor");
        return _store.Release(queue, id, actor, force) ?? throw UnknownItem(queue, id);
    }

    /// <summary>Lists a queue's items (<c>list_queue</c>), oldest first, with their status as of now.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="status">Only items with this status, or null for all.</param>
    /// <param name="limit">At most this many: 1 to <see cref="CoordinationLimits.MaxListLimit"/>.</param>
    /// <returns>The items.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<QueueItem> ListQueue(string queue, QueueItemStatus? status = null, int limit = 100)
    {
        CoordinationLimits.Name(queue, "queue");
        CoordinationLimits.Range(limit, 1, CoordinationLimits.MaxListLimit, "limit");
        return _store.ListQueue(queue, status, limit);
    }

    /// <summary>Lists the queues that hold items, with their counts per status (<c>baton queue ls</c> without a queue).</summary>
    /// <returns>The queues, ordered by name.</returns>
    public IReadOnlyList<QueueSummary> ListQueues() => _store.ListQueues();

    private static UserErrorException UnknownItem(string queue, long id) =>
        new($"The queue '{queue}' has no item {id} (see list_queue).");
}
