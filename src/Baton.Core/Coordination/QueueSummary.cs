namespace Baton.Core.Coordination;

/// <summary>A queue that holds items, with how many of them are in each status as of now (see <see cref="QueueItemStatus"/>).</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Pending">Items waiting to be claimed (an expired claim counts as pending).</param>
/// <param name="Claimed">Items claimed with a live lease.</param>
/// <param name="Done">Items completed.</param>
public sealed record QueueSummary(string Queue, int Pending, int Claimed, int Done);
