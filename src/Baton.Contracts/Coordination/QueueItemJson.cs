using System.Text.Json;
using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>A queue item: <c>{"id", "queue", "item": &lt;JSON&gt;, "priority", "status", "enqueued_by", "enqueued_at", "claimer",
/// "claimed_at", "lease_expires_at", "attempts", "completed_at", "result": &lt;JSON&gt;|null}</c>.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Queue">The queue.</param>
/// <param name="Item">The item, as JSON.</param>
/// <param name="Priority">Its priority (higher is claimed first).</param>
/// <param name="Status"><c>pending</c>, <c>claimed</c> or <c>done</c>, as of now.</param>
/// <param name="EnqueuedBy">Who added it.</param>
/// <param name="EnqueuedAt">When.</param>
/// <param name="Claimer">Who claimed it last, or null.</param>
/// <param name="ClaimedAt">When, or null.</param>
/// <param name="LeaseExpiresAt">When the last claim's lease ends, or null.</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="CompletedAt">When it was completed, or null.</param>
/// <param name="Result">The result given on completion, as JSON, or null.</param>
public sealed record QueueItemJson(
    long Id,
    string Queue,
    JsonElement Item,
    int Priority,
    string Status,
    string EnqueuedBy,
    string EnqueuedAt,
    string? Claimer,
    string? ClaimedAt,
    string? LeaseExpiresAt,
    int Attempts,
    string? CompletedAt,
    JsonElement? Result)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The shape.</returns>
    public static QueueItemJson From(QueueItem item) => new(
        item.Id,
        item.Queue,
        JsonEmbedding.Embed(item.ItemJson),
        item.Priority,
        QueueItemStatusNames.Name(item.Status),
        item.EnqueuedBy,
        CoordinationJournalTypes.FormatTime(item.EnqueuedAt),
        item.Claimer,
        item.ClaimedAt is { } claimed ? CoordinationJournalTypes.FormatTime(claimed) : null,
        item.LeaseExpiresAt is { } lease ? CoordinationJournalTypes.FormatTime(lease) : null,
        item.Attempts,
        item.CompletedAt is { } completed ? CoordinationJournalTypes.FormatTime(completed) : null,
        item.ResultJson is { } result ? JsonEmbedding.Embed(result) : null);
}
