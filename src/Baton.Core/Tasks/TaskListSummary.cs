namespace Baton.Core.Tasks;

/// <summary>A task list with how many of its tasks are in each status, and how many are ready to claim.</summary>
/// <param name="List">The list's name.</param>
/// <param name="Pending">Pending tasks (ready, claimed or blocked).</param>
/// <param name="InProgress">Tasks started.</param>
/// <param name="Completed">Tasks done.</param>
/// <param name="Cancelled">Tasks given up.</param>
/// <param name="Ready">Pending tasks that are unowned and whose blockers are all completed.</param>
/// <param name="CreatedAt">When its first task was added (UTC).</param>
public sealed record TaskListSummary(string List, int Pending, int InProgress, int Completed, int Cancelled, int Ready, DateTimeOffset CreatedAt);
