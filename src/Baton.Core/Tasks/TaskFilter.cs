namespace Baton.Core.Tasks;

/// <summary>Which tasks of a list <see cref="ITaskStore.ListTasks"/> returns; the conditions given all hold.</summary>
/// <param name="Status">Only tasks with this status, or null for any.</param>
/// <param name="Owner">Only tasks this session (or <c>human</c>) owns, or null for any.</param>
/// <param name="ReadyOnly">Only ready tasks (pending, unowned, every blocker completed), best first (priority, then age).</param>
/// <param name="Role">With <paramref name="ReadyOnly"/>: only tasks of this role; null for any.</param>
/// <param name="Limit">At most this many (1 or more).</param>
public sealed record TaskFilter(TaskItemStatus? Status = null, string? Owner = null, bool ReadyOnly = false, string? Role = null, int Limit = 1000);
