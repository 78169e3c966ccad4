using System.Globalization;
using Baton.ClaudeCode.Tasks;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Spectre.Console;

namespace Baton.Cli.Tasks;

/// <summary>How <c>baton tasks</c> shows tasks to people: a table whose blocked tasks say by what, the sessions working the
/// list, and one task in full.</summary>
internal static class TaskTable
{
    /// <summary>A task's state in one word: <c>ready</c>, <c>blocked</c> or <c>claimed</c> for a pending task, else its status.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The word.</returns>
    public static string State(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status switch
        {
            TaskItemStatus.Pending when task.OpenBlockers.Count > 0 => "blocked",
            TaskItemStatus.Pending when task.Owner is not null => "claimed",
            TaskItemStatus.Pending => "ready",
            _ => TaskJournalTypes.StatusName(task.Status),
        };
    }

    /// <summary>Writes the tasks as a table.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="all">Every task of the list (to describe open blockers); may be <paramref name="tasks"/>.</param>
    public static void Write(CliContext context, IReadOnlyList<TaskItem> tasks, IReadOnlyList<TaskItem> all)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tasks);
        var byId = all.ToDictionary(t => t.Id);
        var table = CoordinationCli.Table("ID", "STATE", "OWNER", "PRIORITY", "BLOCKED BY", "SUBJECT");
        foreach (var t in tasks)
        {
            table.AddRow(
                new Text("#" + t.Id.ToString(CultureInfo.InvariantCulture)),
                new Text(State(t)),
                new Text(t.Owner is { } o ? CoordinationCli.Who(o) : "-"),
                new Text(t.Priority.ToString(CultureInfo.InvariantCulture)),
                new Text(t.OpenBlockers.Count == 0 ? "-" : string.Join(", ", t.OpenBlockers.Select(b => Blocker(b, byId)))),
                new Text(CoordinationCli.Shorten(t.Subject, 60) + (t.Role is { } r ? $" [{r}]" : "")));
        }

        context.Console.Write(table);
    }

    /// <summary>Writes a Claude Code native list: a line naming its folder, a table whose blocked tasks say by what, and its counts.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="native">The list.</param>
    /// <param name="rows">The tasks to show (those that pass the filters).</param>
    public static void WriteNative(CliContext context, NativeListView native, IReadOnlyList<NativeTaskRow> rows)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(native);
        ArgumentNullException.ThrowIfNull(rows);
        context.Output.WriteLine($"Claude Code's native list '{native.List.List}' ({native.List.Folder}):");
        if (rows.Count == 0)
        {
            context.Output.WriteLine("  No native tasks match.");
        }
        else
        {
            var byId = native.Rows.ToDictionary(r => r.Task.Id, StringComparer.Ordinal);
            var table = CoordinationCli.Table("ID", "STATE", "OWNER", "CLAIMED BY", "BLOCKED BY", "SUBJECT");
            foreach (var r in rows)
            {
                table.AddRow(
                    new Text("#" + r.Task.Id),
                    new Text(r.State),
                    new Text(r.Task.Owner is { } o ? CoordinationCli.Shorten(Core.Text.TerminalText.Printable(o), 30) : "-"),
                    new Text(r.ClaimedBy is { } c ? CoordinationCli.Who(c) : "-"),
                    new Text(r.OpenBlockers.Count == 0 ? "-" : string.Join(", ", r.OpenBlockers.Select(b => NativeBlocker(b, byId)))),
                    new Text(CoordinationCli.Shorten(Core.Text.TerminalText.Printable(r.Task.Subject), 60)));
            }

            context.Console.Write(table);
        }

        context.Output.WriteLine(
            $"{native.Ready} ready, {native.Count("pending")} pending, {native.Count("in_progress")} in progress, {native.Count(NativeTask.Completed)} completed (native).");
    }

    /// <summary>Writes the sessions working a list, one line each with what they own (of Baton's list, and of the native one).</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="list">The list.</param>
    /// <param name="members">The sessions.</param>
    /// <param name="native">Claude Code's native list of the same name, or null.</param>
    public static void WriteMembers(CliContext context, string list, IReadOnlyList<TaskListMember> members, NativeListView? native = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            context.Output.WriteLine($"No live session works '{list}' (join with baton new --task-list {list}).");
            return;
        }

        context.Output.WriteLine($"Sessions on '{list}':");
        foreach (var m in members)
        {
            var who = SessionRegistry.ShortId(m.Session.SessionId) + (m.Session.Name is { } n ? $" ({CoordinationCli.Shorten(n, 40)})" : "");
            var nativeOwns = native?.Owns(m.Session) ?? [];
            var owns = m.Owns.Count == 0 && nativeOwns.Count == 0 ? "owns nothing"
                : "owns " + string.Join(", ", m.Owns.Select(id => "#" + id).Concat(nativeOwns.Select(id => "native #" + id)));
            context.Output.WriteLine($"  {who}  {m.Session.Status.ToWire()}  {owns}");
        }
    }

    /// <summary>Writes one task in full.</summary>
    /// <param name="context">The command's context.</param>
    /// <param name="task">The task.</param>
    public static void WriteDetails(CliContext context, TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(task);
        var o = context.Output;
        o.WriteLine($"#{task.Id} {CoordinationCli.Shorten(task.Subject, 200)}  (list {task.List})");
        o.WriteLine($"  state:      {State(task)}" + (task.Owner is { } owner ? $", owned by {owner}" : ""));
        o.WriteLine($"  priority:   {task.Priority}" + (task.Role is { } role ? $", role {role}" : ""));
        o.WriteLine($"  blocked by: {Ids(task.BlockedBy)}" + (task.OpenBlockers.Count > 0 ? $" (open: {Ids(task.OpenBlockers)})" : ""));
        o.WriteLine($"  blocks:     {Ids(task.Blocks)}");
        o.WriteLine($"  created:    {Core.Coordination.CoordinationJournalTypes.FormatTime(task.CreatedAt)} by {task.CreatedBy}");
        o.WriteLine($"  updated:    {Core.Coordination.CoordinationJournalTypes.FormatTime(task.UpdatedAt)} by {task.UpdatedBy}");
        if (task.Description.Length > 0)
        {
            o.WriteLine();
            o.WriteLine(Core.Text.TerminalText.Printable(task.Description));
        }

        if (task.Result is { } result)
        {
            o.WriteLine();
            o.WriteLine("Result: " + Core.Text.TerminalText.Printable(result));
        }
    }

    private static string Ids(IReadOnlyList<long> ids) => ids.Count == 0 ? "-" : string.Join(", ", ids.Select(id => "#" + id));

    private static string NativeBlocker(string id, Dictionary<string, NativeTaskRow> byId) => byId.TryGetValue(id, out var b)
        ? $"#{id} ({b.State}{(b.Task.Owner is { } o ? ", " + CoordinationCli.Shorten(Core.Text.TerminalText.Printable(o), 30) : "")})"
        : "#" + id;

    private static string Blocker(long id, Dictionary<long, TaskItem> byId) => byId.TryGetValue(id, out var b)
        ? $"#{id} ({State(b)}{(b.Owner is { } o ? ", " + CoordinationCli.Who(o) : "")})"
        : "#" + id;
}
