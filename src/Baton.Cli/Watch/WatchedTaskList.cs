using Baton.ClaudeCode.Tasks;
using Baton.Cli.Tasks;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Watch;

/// <summary>
/// A task list as the dashboard's task pane shows it: the lists the live sessions work (<see cref="Worked"/>), each as
/// Baton's list and, when Claude Code has one of that name, its native list (<see cref="NativeListView"/>), with every
/// unfinished task first, then the finished ones.
/// </summary>
/// <param name="List">The list.</param>
/// <param name="Native">True for Claude Code's native list.</param>
/// <param name="Tasks">Its tasks, unfinished first, then by id.</param>
internal sealed record WatchedTaskList(string List, bool Native, IReadOnlyList<WatchedTask> Tasks)
{
    /// <summary>The most tasks read of one list.</summary>
    public const int MaxTasks = 200;

    /// <summary>The most lists the pane reads.</summary>
    public const int MaxLists = 20;

    /// <summary>The lists live sessions work: the list each was started on or joined (<see cref="Session.TaskList"/>, for a
    /// native list recorded from claude's <c>CLAUDE_CODE_TASK_LIST_ID</c>), the lists of the unfinished Baton tasks each owns,
    /// and the native lists whose tasks each holds Baton's claim of (<see cref="NativeTaskSettings.ClaimResource"/>).</summary>
    /// <param name="store">The store.</param>
    /// <param name="sessions">The live sessions.</param>
    /// <returns>The lists, sorted (ordinal), at most <see cref="MaxLists"/>.</returns>
    public static IReadOnlyList<string> Worked(IBatonStore store, IReadOnlyList<Session> sessions)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        var live = sessions.Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
        var claimed = store.ListLocks(NativeTaskSettings.ClaimResource("*", "*"))
            .Where(l => live.Contains(l.Holder))
            .Select(l => NativeTaskSettings.ListOfClaim(l.Resource));
        var owned = store.ListTaskOwners().Where(live.Contains).SelectMany(o => store.ListOwnedTasks(o)).Select(t => t.List);
        return [.. sessions.Select(s => s.TaskList).Concat(claimed).Concat(owned).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxLists)];
    }

    /// <summary>Reads the lists the sessions work.</summary>
    /// <param name="store">The store.</param>
    /// <param name="claudeDirectory">Claude Code's folder (its native lists).</param>
    /// <param name="home">Baton's home (its log, for native files skipped).</param>
    /// <param name="sessions">The live sessions.</param>
    /// <returns>The lists, by name, Baton's before the native one of the same name.</returns>
    public static IReadOnlyList<WatchedTaskList> Read(IBatonStore store, string claudeDirectory, BatonHome home, IReadOnlyList<Session> sessions)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sessions)
        {
            names[s.SessionId] = s.Name ?? SessionRegistry.ShortId(s.SessionId);
        }

        var lists = new List<WatchedTaskList>();
        foreach (var list in Worked(store, sessions))
        {
            if (store.GetTaskList(list) is not null)
            {
                var tasks = store.ListTasks(list, new TaskFilter(Limit: MaxTasks));
                lists.Add(new WatchedTaskList(list, false, [.. tasks
                    .OrderBy(t => t.Status is TaskItemStatus.Completed or TaskItemStatus.Cancelled)
                    .Select(t => new WatchedTask(
                        "#" + t.Id,
                        TaskTable.State(t),
                        t.Owner is { } o ? names.GetValueOrDefault(o) ?? Coordination.CoordinationCli.Who(o) : "-",
                        Ids(t.OpenBlockers.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                        t.Subject))]));
            }

            if (NativeListView.Read(claudeDirectory, list, store, home, "watch") is { } native)
            {
                lists.Add(new WatchedTaskList(list, true, [.. native.Rows
                    .OrderBy(r => r.Task.Status == ClaudeCode.Tasks.NativeTask.Completed)
                    .Take(MaxTasks)
                    .Select(r => new WatchedTask(
                        "#" + r.Task.Id,
                        r.State,
                        r.Task.Owner ?? (r.ClaimedBy is { } c ? names.GetValueOrDefault(c) ?? Coordination.CoordinationCli.Who(c) : "-"),
                        Ids(r.OpenBlockers),
                        r.Task.Subject))]));
            }
        }

        return lists;
    }

    private static string Ids(IEnumerable<string> ids) => string.Join(", ", ids.Select(i => "#" + i)) is { Length: > 0 } text ? text : "-";
}
