using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Core.Tasks;

/// <summary>
/// What a session hears of its task lists, in its next hook's context or as the text that wakes it at its prompt: when a
/// task it owns is unblocked (its last open blocker completed), completed, cancelled or released by someone else, when a task
/// it owns waits on a blocker that was cancelled, and when work becomes ready to claim in a list it works (its joined
/// list, <see cref="Session.TaskList"/>, or a list where it owns a task). It is read from the journal after the session's
/// cursor (scope <see cref="CursorScope"/>, key = session id, value = the last sequence number read), which
/// <see cref="Take"/> moves by compare-and-set before handing the text over: two hooks at once never both hand the same
/// notices over (each notice at most once), and a flood comes as one line per task, describing the task as it is now. A
/// session's own changes are not told to it. Changes of Claude Code's native list of the same name
/// (<see cref="TaskJournalTypes.Native"/>, journaled by the hooks that saw them) are told the same way
/// (<see cref="NativeTaskNotice"/>). Not thread-safe.
/// </summary>
public sealed class TaskNotices
{
    /// <summary>The scope that holds each session's cursor.</summary>
    public const string CursorScope = "baton:task-notices";

    /// <summary>The most journal entries one take reads; the rest come with the next.</summary>
    public const int MaxEntries = 500;

    /// <summary>The most lines one take hands over (one per task); the text says how many more changed.</summary>
    public const int MaxLines = 30;

    private readonly IBatonStore _store;

    /// <summary>Creates the reader.</summary>
    /// <param name="store">The store.</param>
    public TaskNotices(IBatonStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// Takes the session's new notices: reads the task changes after its cursor, moves the cursor past them (one
    /// compare-and-set; a concurrent take that moved it first wins, and this one returns null), and returns the text. A
    /// session that works no list (joined none, owns no task) is left alone; a session seen for the first time starts at the
    /// journal's end.
    /// </summary>
    /// <param name="sessionId">The full session id.</param>
    /// <returns>The text for the agent, or null when there is nothing to tell.</returns>
    /// <exception cref="StoreException">The store cannot be read or written.</exception>
    public string? Take(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var lists = Lists(sessionId);
        if (lists.Count == 0)
        {
            return null;
        }

        var cursor = _store.GetState(CursorScope, sessionId);
        if (cursor is null || !long.TryParse(cursor.ValueJson, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            Move(sessionId, _store.LastSequence(), cursor?.Version ?? 0);
            return null;
        }

        var entries = _store.QueryJournal(new JournalQuery(after, "task.*", null, MaxEntries));
        if (entries.Count == 0 || !Move(sessionId, entries[^1].Sequence, cursor.Version))
        {
            return null;
        }

        var lines = new Dictionary<(string List, long Id), string>();
        var native = new Dictionary<(string List, string Id), string>();
        foreach (var entry in entries.Where(e => e.Actor != sessionId && e.Subject.StartsWith("tasks:", StringComparison.Ordinal)))
        {
            var list = entry.Subject["tasks:".Length..];
            if (!lists.Contains(list))
            {
                continue;
            }

            if (entry.Type == TaskJournalTypes.Native)
            {
                if (_store.GetSession(sessionId) is { } session)
                {
                    NativeTaskNotice.Add(_store, session, list, entry, Who(entry.Actor), native);
                }
            }
            else if (Id(entry) is { } id)
            {
                Notice(sessionId, list, id, entry, lines);
            }
        }

        return lines.Count + native.Count == 0 ? null : Format([.. lines.Values, .. native.Values], native.Count > 0);
    }

    /// <summary>The lists a session works: the one it joined and those where it owns an unfinished task.</summary>
    private HashSet<string> Lists(string sessionId)
    {
        var lists = _store.ListOwnedTasks(sessionId).Select(t => t.List).ToHashSet(StringComparer.Ordinal);
        if (_store.GetSession(sessionId)?.TaskList is { } joined)
        {
            lists.Add(joined);
        }

        return lists;
    }

    private bool Move(string sessionId, long through, long version)
    {
        try
        {
            _store.SetState(CursorScope, sessionId, through.ToString(CultureInfo.InvariantCulture), version, sessionId);
            return true;
        }
        catch (VersionConflictException)
        {
            return false;
        }
    }

    /// <summary>Adds the lines one change means for the session, keyed by task so a later change of the same task replaces them.</summary>
    private void Notice(string sessionId, string list, long id, JournalEntry entry, Dictionary<(string, long), string> lines)
    {
        if (_store.GetTask(list, id) is not { } task)
        {
            return;
        }

        var by = Who(entry.Actor);
        var data = JsonNode.Parse(entry.Data ?? "{}")!;
        switch (entry.Type)
        {
            case TaskJournalTypes.StatusChanged when task.Status == TaskItemStatus.Completed:
                if (task.Owner == sessionId)
                {
                    lines[(list, id)] = $"{Label(task)}, yours, was completed by {by}.";
                }

                Dependents(sessionId, task, $"{Label(task)} was completed by {by}", lines);
                break;
            case TaskJournalTypes.StatusChanged when task.Status == TaskItemStatus.Cancelled:
                if (task.Owner == sessionId)
                {
                    lines[(list, id)] = $"{Label(task)}, yours, was cancelled by {by}.";
                }

                foreach (var waiting in task.Blocks.Select(b => _store.GetTask(list, b)).OfType<TaskItem>().Where(w => w.Owner == sessionId))
                {
                    lines[(list, waiting.Id)] = $"{Label(waiting)}, yours, waits for {Label(task)}, which was cancelled by {by}: unblock it or pick other work.";
                }

                break;
            case TaskJournalTypes.StatusChanged when data["forced"] is not null && task.Owner == sessionId:
                lines[(list, id)] = $"{Label(task)}, yours, was moved to {TaskJournalTypes.StatusName(task.Status)} by {by}.";
                break;
            case TaskJournalTypes.Released when data["owner"]?.GetValue<string>() == sessionId:
                lines[(list, id)] = $"{Label(task)} is no longer yours: {by} released it" + (task.Owner is { } now ? $"; it is owned by {Who(now)} now." : ".");
                break;
            case TaskJournalTypes.Released or TaskJournalTypes.Created or TaskJournalTypes.Unblocked when task.IsReady:
                lines[(list, id)] = $"{Label(task)} is ready to claim.";
                break;
            case TaskJournalTypes.Unblocked when task.Owner == sessionId && task.OpenBlockers.Count == 0:
                lines[(list, id)] = $"{Label(task)}, yours, is no longer blocked: start it.";
                break;
            default:
                break;
        }
    }

    /// <summary>The tasks waiting for a completed task that it concerns: the session's own, and the ones now ready to claim.</summary>
    private void Dependents(string sessionId, TaskItem completed, string because, Dictionary<(string, long), string> lines)
    {
        foreach (var waiting in completed.Blocks.Select(b => _store.GetTask(completed.List, b)).OfType<TaskItem>())
        {
            if (waiting.Owner == sessionId && waiting.Status is TaskItemStatus.Pending or TaskItemStatus.InProgress)
            {
                lines[(completed.List, waiting.Id)] = waiting.OpenBlockers.Count == 0
                    ? $"{Label(waiting)}, yours, is now ready: {because}, and it waits for nothing else. Start it."
                    : $"{Label(waiting)}, yours: {because}; it still waits for {string.Join(", ", waiting.OpenBlockers.Select(o => "#" + o))}.";
            }
            else if (waiting.IsReady)
            {
                lines[(completed.List, waiting.Id)] = $"{Label(waiting)} is now ready to claim: {because}.";
            }
        }
    }

    private static string Format(List<string> lines, bool native)
    {
        var text = new StringBuilder(lines.Count == 1 ? "Baton: a task list you work changed.\n" : $"Baton: {lines.Count} tasks of lists you work changed.\n");
        foreach (var line in lines.Take(MaxLines))
        {
            text.Append("- ").Append(line).Append('\n');
        }

        if (lines.Count > MaxLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"- ... and {lines.Count - MaxLines} more (see task_list or `baton tasks ls LIST`).\n");
        }

        return text.Append(native
            ? "Use Claude Code's TaskList and TaskUpdate for its native tasks, and the Baton MCP tools task_claim, task_update and task_list (or `baton tasks`) for Baton's, to act on them."
            : "Use the Baton MCP tools task_claim, task_update and task_list (or `baton tasks`) to act on them.").ToString();
    }

    private static long? Id(JournalEntry entry)
    {
        try
        {
            return JsonNode.Parse(entry.Data ?? "")?["id"]?.GetValue<long>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Label(TaskItem task) =>
        $"task {task.List}#{task.Id} '{Text.TerminalText.Printable(task.Subject)}'";

    private string Who(string actor) => actor == SessionRegistry.HumanActor
        ? "a person"
        : SessionRegistry.ShortId(actor) + (_store.GetSession(actor)?.Name is { } name ? $" ({name})" : "");
}
