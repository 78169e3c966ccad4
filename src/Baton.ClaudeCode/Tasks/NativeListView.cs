using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Coordination;
using Baton.Core.Tasks;

namespace Baton.ClaudeCode.Tasks;

/// <summary>
/// A Claude Code native task list beside Baton's lists (<c>baton tasks ls</c>, <c>baton watch</c>, the MCP tool
/// <c>task_list</c>): its tasks read from
/// Claude Code's folder (files that are not tasks skipped and logged to Baton's log), each with its Baton claim, and what
/// each live session owns of it (<see cref="NativeTaskOwner"/>).
/// </summary>
/// <param name="List">The list as read.</param>
/// <param name="Rows">Its tasks, by id.</param>
public sealed record NativeListView(NativeTaskList List, IReadOnlyList<NativeTaskRow> Rows)
{
    /// <summary>Reads a native list.</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <param name="list">The list.</param>
    /// <param name="store">The store (the claims).</param>
    /// <param name="home">Baton's home, whose log is told of files skipped.</param>
    /// <param name="area">The log's area, e.g. <c>tasks ls</c>.</param>
    /// <returns>The view, or null when Claude Code has no such list.</returns>
    public static NativeListView? Read(string claudeDirectory, string list, ICoordinationStore store, BatonHome home, string area)
    {
        var log = new BatonLog(home);
        if (NativeTaskList.Read(claudeDirectory, list, why => log.Write(area, "native task file skipped: " + why)) is not { } tasks)
        {
            return null;
        }

        var claims = store.ListLocks(NativeTaskSettings.ClaimResource(list, "*")).ToDictionary(l => l.Resource, l => l.Holder, StringComparer.Ordinal);
        var rows = tasks.Tasks.Select(t =>
        {
            var open = tasks.OpenBlockers(t);
            var state = t.Status switch
            {
                "pending" when open.Count > 0 => "blocked",
                "pending" when t.Owner is not null => "claimed",
                "pending" => "ready",
                _ => t.Status,
            };
            return new NativeTaskRow(t, state, claims.GetValueOrDefault(NativeTaskSettings.ClaimResource(list, t.Id)), open);
        });
        return new NativeListView(tasks, [.. rows]);
    }

    /// <summary>Reads every native list there is (<see cref="NativeTaskList.Names"/>).</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <param name="store">The store (the claims).</param>
    /// <param name="home">Baton's home, whose log is told of files skipped.</param>
    /// <param name="area">The log's area.</param>
    /// <returns>The lists, by name.</returns>
    public static IReadOnlyList<NativeListView> ReadAll(string claudeDirectory, ICoordinationStore store, BatonHome home, string area) =>
        [.. NativeTaskList.Names(claudeDirectory).Select(n => Read(claudeDirectory, n, store, home, area)).OfType<NativeListView>()];

    /// <summary>Whether a task passes a filter: its status, <see cref="TaskFilter.ReadyOnly"/> (its state is <c>ready</c>) and
    /// its owner (the session holding its claim, or its <c>owner</c> text).</summary>
    /// <param name="row">The task.</param>
    /// <param name="filter">The filter (its role and limit do not apply to native tasks).</param>
    /// <returns>True when it passes.</returns>
    public static bool Matches(NativeTaskRow row, TaskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(filter);
        return (filter.Status is not { } wanted || row.Task.Status == TaskJournalTypes.StatusName(wanted))
            && (!filter.ReadyOnly || row.State == "ready")
            && (filter.Owner is not { } owner || row.ClaimedBy == owner || row.Task.Owner == owner);
    }

    /// <summary>The ids of the unfinished tasks a session owns.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The ids, by id.</returns>
    public IReadOnlyList<string> Owns(Session session) =>
        [.. Rows.Where(r => r.Task.Status != NativeTask.Completed && NativeTaskOwner.Is(session, r.ClaimedBy, r.Task.Owner)).Select(r => r.Task.Id)];

    /// <summary>The live sessions working the list: those started on it (<see cref="Session.TaskList"/>) and those owning a task of it.</summary>
    /// <param name="live">The live sessions.</param>
    /// <returns>The sessions, in the given order.</returns>
    public IReadOnlyList<Session> Members(IEnumerable<Session> live) =>
        [.. live.Where(s => s.TaskList == List.List || Owns(s).Count > 0)];

    /// <summary>How many tasks are ready (pending, unowned, every blocker completed).</summary>
    public int Ready => Rows.Count(r => r.State == "ready");

    /// <summary>How many tasks have a status.</summary>
    /// <param name="status">The status as written.</param>
    /// <returns>The count.</returns>
    public int Count(string status) => Rows.Count(r => r.Task.Status == status);
}
