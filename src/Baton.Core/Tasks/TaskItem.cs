namespace Baton.Core.Tasks;

/// <summary>Where a task is in its life.</summary>
public enum TaskItemStatus
{
    /// <summary>Not started: waiting for its blockers, for a claim, or claimed and not yet started.</summary>
    Pending,

    /// <summary>Started by its owner.</summary>
    InProgress,

    /// <summary>Done; the tasks it blocks no longer wait for it.</summary>
    Completed,

    /// <summary>Given up; it stays in the list and still blocks the tasks that wait for it (only a completed blocker frees them).</summary>
    Cancelled,
}

/// <summary>One task of a shared task list (see <see cref="ITaskStore"/>).</summary>
public sealed record TaskItem
{
    /// <summary>The list's name.</summary>
    public required string List { get; init; }

    /// <summary>The task's id: short, unique in its list and increasing in creation order (never reused, even after a delete).</summary>
    public required long Id { get; init; }

    /// <summary>What to do, one line (1–200 characters).</summary>
    public required string Subject { get; init; }

    /// <summary>The details; empty when none.</summary>
    public string Description { get; init; } = "";

    /// <summary>Its status.</summary>
    public TaskItemStatus Status { get; init; }

    /// <summary>The session (or <c>human</c>) that owns it; null when unowned.</summary>
    public string? Owner { get; init; }

    /// <summary>The ids (in the same list) of the tasks it waits for, ascending.</summary>
    public IReadOnlyList<long> BlockedBy { get; init; } = [];

    /// <summary>The ids of <see cref="BlockedBy"/> that are not completed yet, ascending.</summary>
    public IReadOnlyList<long> OpenBlockers { get; init; } = [];

    /// <summary>The ids of the tasks that wait for it, ascending.</summary>
    public IReadOnlyList<long> Blocks { get; init; } = [];

    /// <summary>Its priority: higher is claimed first.</summary>
    public int Priority { get; init; }

    /// <summary>The role that may claim it through a claim-next, or null for any.</summary>
    public string? Role { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who changed it last.</summary>
    public required string UpdatedBy { get; init; }

    /// <summary>The result its owner gave on completion; null when none.</summary>
    public string? Result { get; init; }

    /// <summary>True when it can be claimed: pending, unowned, and every blocker completed.</summary>
    public bool IsReady => Status == TaskItemStatus.Pending && Owner is null && OpenBlockers.Count == 0;
}
