using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="ITaskStore"/> passes, through the <see cref="TaskBoard"/> as the MCP server and the command
/// line use it: ids, dependencies and cycles, the ready set, conditional claims, owner-only transitions and the release of
/// an abandoned owner's tasks, each change one journal entry and each refusal none. A derived class gives a fresh empty
/// store per test and a second instance on the same store; the store also implements <see cref="Core.Storage.IStore"/>.
/// </summary>
public abstract partial class TaskContract : JournaledStoreContract<ITaskStore>
{
    /// <summary>The list most tests use.</summary>
    protected const string Plan = "plan";

    private TaskBoard? _board;

    /// <summary>A board over <see cref="JournaledStoreContract{TStore}.Store"/>.</summary>
    protected TaskBoard Board => _board ??= new TaskBoard(Store);

    /// <summary>Adds a task to <see cref="Plan"/> as <c>human</c>.</summary>
    /// <param name="subject">Its subject.</param>
    /// <param name="priority">Its priority.</param>
    /// <param name="role">Its role, or null.</param>
    /// <param name="blockedBy">The ids it waits for.</param>
    /// <returns>The task.</returns>
    protected TaskItem Add(string subject, int priority = 0, string? role = null, params long[] blockedBy) =>
        Board.Add(Plan, subject, null, priority, role, [.. blockedBy.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))], Human);
}
