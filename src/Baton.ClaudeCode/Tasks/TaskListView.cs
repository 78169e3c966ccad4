using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.ClaudeCode.Tasks;

/// <summary>
/// One task list as <c>baton tasks ls LIST</c> and the MCP tool <c>task_list</c> show it: Baton's list of that name (when
/// there is one) with the tasks that pass a filter, Claude Code's native list of the same name (when there is one,
/// <see cref="NativeListView"/>) with its tasks that pass, and the live sessions working either.
/// </summary>
/// <param name="List">The list.</param>
/// <param name="Summary">Baton's list's counts, or null when only the native list exists.</param>
/// <param name="Tasks">Baton's tasks that pass the filter.</param>
/// <param name="All">Every task of Baton's list (up to <see cref="MaxTasks"/>), to tell what blocks the shown ones and who owns
/// what; may be <paramref name="Tasks"/>.</param>
/// <param name="Native">The native list (all its tasks), or null when Claude Code has none of that name.</param>
/// <param name="NativeRows">The native tasks that pass the filter, by id.</param>
/// <param name="Members">The live sessions working the list: joined to it (<see cref="Session.TaskList"/>), owning an
/// unfinished task of Baton's list, or working the native one (<see cref="NativeListView.Members"/>), in the registry's order.</param>
public sealed record TaskListView(
    string List, TaskListSummary? Summary, IReadOnlyList<TaskItem> Tasks, IReadOnlyList<TaskItem> All, NativeListView? Native, IReadOnlyList<NativeTaskRow> NativeRows, IReadOnlyList<TaskListMember> Members)
{
    /// <summary>The most of Baton's tasks read to tell what each session owns.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>Reads a list.</summary>
    /// <param name="store">The store.</param>
    /// <param name="live">The live sessions.</param>
    /// <param name="claudeDirectory">Claude Code's folder (its native lists).</param>
    /// <param name="home">Baton's home, whose log is told of native files skipped.</param>
    /// <param name="area">The log's area, e.g. <c>tasks ls</c>.</param>
    /// <param name="list">The list.</param>
    /// <param name="filter">Which tasks (of both lists) to show.</param>
    /// <returns>The view.</returns>
    /// <exception cref="Core.UserErrorException">Neither Baton nor Claude Code has the list, or the filter is not usable.</exception>
    public static TaskListView Read(IBatonStore store, IReadOnlyList<Session> live, string claudeDirectory, BatonHome home, string area, string list, TaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(filter);
        var board = new TaskBoard(store);
        var native = NativeListView.Read(claudeDirectory, list, store, home, area);
        var summary = native is null ? board.Summary(list) : store.GetTaskList(list);
        var tasks = summary is null ? [] : board.List(list, filter);
        var all = summary is null ? [] : filter == new TaskFilter() ? tasks : board.List(list, new TaskFilter(Limit: MaxTasks));
        var members = TaskListMember.Of(list, live, all).ToDictionary(m => m.Session.SessionId, StringComparer.Ordinal);
        var working = native?.Members(live).Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal) ?? [];
        return new TaskListView(
            list,
            summary,
            tasks,
            all,
            native,
            native?.Rows.Where(r => NativeListView.Matches(r, filter)).ToList() ?? [],
            [.. live.Where(s => members.ContainsKey(s.SessionId) || working.Contains(s.SessionId)).Select(s => members.GetValueOrDefault(s.SessionId) ?? new TaskListMember(s, []))]);
    }

    /// <summary>The ids of the native list's unfinished tasks a session owns (<see cref="NativeListView.Owns"/>).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The ids; empty without a native list.</returns>
    public IReadOnlyList<string> NativeOwns(Session session) => Native?.Owns(session) ?? [];

    /// <summary>The native list as shown: its tasks that pass the filter, or null without one.</summary>
    public NativeListView? NativeShown => Native is null ? null : Native with { Rows = NativeRows };
}
