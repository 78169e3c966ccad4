using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>A queue that holds items, as <c>baton queue ls</c> without a queue lists it: <c>{"queue", "pending", "claimed", "done"}</c>.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Pending">Items waiting to be claimed.</param>
/// <param name="Claimed">Items claimed with a live lease.</param>
/// <param name="Done">Items completed.</param>
public sealed record QueueSummaryJson(string Queue, int Pending, int Claimed, int Done)
{
    /// <summary>The JSON of a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON shape.</returns>
    public static QueueSummaryJson From(QueueSummary summary) => new(summary.Queue, summary.Pending, summary.Claimed, summary.Done);
}
