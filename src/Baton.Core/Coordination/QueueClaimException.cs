namespace Baton.Core.Coordination;

/// <summary>A complete or release of a queue item was refused: the caller does not hold a live claim on it (another session
/// claimed it, its lease expired, it was released, or it is done).</summary>
public sealed class QueueClaimException : CoordinationConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="claimer">Who asked.</param>
    /// <param name="current">The item as it is now.</param>
    public QueueClaimException(string claimer, QueueItem current)
        : base(Describe(claimer, current))
    {
        Claimer = claimer;
        Current = current;
    }

    /// <summary>Who asked.</summary>
    public string Claimer { get; }

    /// <summary>The item as it is now (its status, claimer and lease).</summary>
    public QueueItem Current { get; }

    private static string Describe(string claimer, QueueItem item)
    {
        var state = item switch
        {
            { Status: QueueItemStatus.Done } => $"it is done (completed by {item.Claimer} at {Format(item.CompletedAt!.Value)})",
            { Status: QueueItemStatus.Claimed } => $"it is claimed by {item.Claimer} until {Format(item.LeaseExpiresAt!.Value)}",
            { Claimer: not null, LeaseExpiresAt: { } lapsed } => $"the lease of {item.Claimer} expired at {Format(lapsed)} and it is pending again",
            _ => "it is pending (not claimed)",
        };
        return $"Item {item.Id} of queue '{item.Queue}' is not claimed by {claimer}: {state}.";
    }
}
