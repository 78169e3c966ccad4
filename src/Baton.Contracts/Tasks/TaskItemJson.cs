using Baton.Core.Coordination;
using Baton.Core.Tasks;

namespace Baton.Contracts.Tasks;

/// <summary>A task: <c>{list, id, subject, description, status, owner, ready, blocked_by, open_blockers, blocks, priority,
/// role, created_at, created_by, updated_at, updated_by, result}</c>.</summary>
/// <param name="List">The list.</param>
/// <param name="Id">The id in the list.</param>
/// <param name="Subject">What to do.</param>
/// <param name="Description">The details (may be empty).</param>
/// <param name="Status"><c>pending</c>, <c>in_progress</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Owner">The owning session id (or <c>human</c>), or null.</param>
/// <param name="Ready">Pending, unowned, and every blocker completed.</param>
/// <param name="BlockedBy">The ids it waits for.</param>
/// <param name="OpenBlockers">The ids of <paramref name="BlockedBy"/> not completed.</param>
/// <param name="Blocks">The ids that wait for it.</param>
/// <param name="Priority">Higher is claimed first.</param>
/// <param name="Role">The role a claim-next must name to take it, or null.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="CreatedBy">Who added it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="UpdatedBy">Who changed it last.</param>
/// <param name="Result">The result given on completion, or null.</param>
public sealed record TaskItemJson(
    string List,
    long Id,
    string Subject,
    string Description,
    string Status,
    string? Owner,
    bool Ready,
    IReadOnlyList<long> BlockedBy,
    IReadOnlyList<long> OpenBlockers,
    IReadOnlyList<long> Blocks,
    int Priority,
    string? Role,
    string CreatedAt,
    string CreatedBy,
    string UpdatedAt,
    string UpdatedBy,
    string? Result)
{
    /// <summary>The shape of a task.</summary>
    /// <param name="t">The task.</param>
    /// <returns>The shape.</returns>
    public static TaskItemJson From(TaskItem t) => new(
        t.List,
        t.Id,
        t.Subject,
        t.Description,
        TaskJournalTypes.StatusName(t.Status),
        t.Owner,
        t.IsReady,
        t.BlockedBy,
        t.OpenBlockers,
        t.Blocks,
        t.Priority,
        t.Role,
        CoordinationJournalTypes.FormatTime(t.CreatedAt),
        t.CreatedBy,
        CoordinationJournalTypes.FormatTime(t.UpdatedAt),
        t.UpdatedBy,
        t.Result);
}
