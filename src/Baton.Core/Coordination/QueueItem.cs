namespace Baton.Core.Coordination;

/// <summary>Where a queue item is in its life, as seen at the time it is read.</summary>
public enum QueueItemStatus
{
    /// <summary>Waiting to be claimed: never claimed, released, or claimed with a lease that has expired.</summary>
    Pending,

    /// <summary>Claimed, with a lease that has not expired.</summary>
    Claimed,

    /// <summary>Completed by its claimer.</summary>
    Done,
}

/// <summary>One item of a work queue.</summary>
public sealed record QueueItem
{
    /// <summary>The item's id, unique in the store and increasing in enqueue order (FIFO among equal priorities).</summary>
    public required long Id { get; init; }

    /// <summary>The queue's name.</summary>
    public required string Queue { get; init; }

    /// <summary>The item: one JSON document as text, exactly as enqueued.</summary>
    public required string ItemJson { get; init; }

    /// <summary>Its priority: higher is claimed first.</summary>
    public int Priority { get; init; }

    /// <summary>Its status when read. A claimed item whose lease expired reads <see cref="QueueItemStatus.Pending"/> and keeps
    /// its last <see cref="Claimer"/> and <see cref="LeaseExpiresAt"/> for information.</summary>
    public QueueItemStatus Status { get; init; }

    /// <summary>Who enqueued it: a <c>session_id</c> or <c>human</c>.</summary>
    public required string EnqueuedBy { get; init; }

    /// <summary>When it was enqueued (UTC).</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Who claimed it last; null when never claimed or released.</summary>
    public string? Claimer { get; init; }

    /// <summary>When it was last claimed (UTC); null when never claimed or released.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>When the last claim's lease ends (UTC); null when never claimed or released.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>How many times it was claimed.</summary>
    public int Attempts { get; init; }

    /// <summary>When it was completed (UTC); null until done.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The result its claimer gave on completion, one JSON document as text; null when none.</summary>
    public string? ResultJson { get; init; }
}
