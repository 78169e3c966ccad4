namespace Baton.Core.Tasks;

/// <summary>A task to add to a list (see <see cref="ITaskStore.AddTask"/>).</summary>
/// <param name="List">The list; created by its first task.</param>
/// <param name="Subject">What to do, one line.</param>
/// <param name="Description">The details; empty for none.</param>
/// <param name="Priority">Higher is claimed first.</param>
/// <param name="Role">The role that may claim it through a claim-next, or null for any.</param>
/// <param name="BlockedBy">The ids, in the same list, of the tasks it waits for.</param>
public sealed record NewTask(string List, string Subject, string Description, int Priority, string? Role, IReadOnlyList<long> BlockedBy);
