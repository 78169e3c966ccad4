using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Baton.ClaudeCode.Tasks;
using Baton.Cli.CommandLine;
using Baton.Cli.Coordination;
using Baton.Cli.Rendering;
using Baton.Contracts.Tasks;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Spectre.Console;

namespace Baton.Cli.Tasks;

/// <summary><c>baton tasks ls [LIST]</c>: the lists with their counts, or one list's tasks and the live sessions working it;
/// Claude Code's native lists (<see cref="NativeListView"/>) beside Baton's own.</summary>
internal static class TasksListCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var list = new Argument<string?>("list") { Description = "The task list; leave out to list the lists", Arity = ArgumentArity.ZeroOrOne };
        var ready = new Option<bool>("--ready") { Description = "Only ready tasks (pending, unowned, every blocker completed), best first" };
        var owner = new Option<string?>("--owner") { Description = "Only tasks this session owns: an id prefix, a name, me, or human", HelpName = "SESSION" };
        var status = new Option<string?>("--status") { Description = "Only tasks with this status", HelpName = "STATUS" };
        status.AcceptOnlyFromAmong("pending", "in_progress", "completed", "cancelled");
        var role = new Option<string?>("--role") { Description = "With --ready: only tasks of this role", HelpName = "ROLE" };
        var limit = new Option<int>("--limit") { Description = "At most this many tasks (1 to 10000)", HelpName = "N", DefaultValueFactory = _ => 1000 };
        var json = CommonOptions.Json();
        var command = new Command(
            "ls",
            "List a list's tasks by id (--ready: best first) in a table whose STATE is ready, blocked, claimed, in_progress, completed " +
            "or cancelled and whose BLOCKED BY names each open blocker with its state and owner, then the live sessions working the " +
            "list (joined with baton new --task-list, or owning a task) with what they own. --json: {list, pending, in_progress, " +
            "completed, cancelled, ready, tasks: [task], sessions: [{session_id, short_id, name, status, owns, native_owns}], native_list}. " +
            "Claude Code's native list of the same name (under $CLAUDE_CONFIG_DIR or ~/.claude, tasks/LIST/) is shown after Baton's, with " +
            "each task's owner, the session holding its claim and its open blockers (native_list: {list, folder, native: true, ..., tasks}). " +
            "Without a list: the lists, Baton's and native, and their counts, --json: [{list, pending, in_progress, completed, cancelled, ready, created_at, native}].")
        {
            list, ready, owner, status, role, limit, json,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            if (parse.GetValue(list) is not { } name)
            {
                return ListLists(context, parse.GetValue(json));
            }

            var filter = new TaskFilter(
                TaskJournalTypes.ParseStatus(parse.GetValue(status)),
                parse.GetValue(owner) is { } who ? Owner(context, who) : null,
                parse.GetValue(ready),
                parse.GetValue(role),
                parse.GetValue(limit));
            var view = TaskListView.Read(context.Store, context.Registry.List(includeEnded: false), environment.ClaudeDirectory, environment.Home, "tasks ls", name, filter);
            var (summary, tasks, native) = (view.Summary, view.Tasks, view.Native);
            if (parse.GetValue(json))
            {
                context.WriteJson(JsonSerializer.Serialize(
                    new TaskListViewJson(
                        name, summary?.Pending ?? 0, summary?.InProgress ?? 0, summary?.Completed ?? 0, summary?.Cancelled ?? 0, summary?.Ready ?? 0,
                        [.. tasks.Select(TaskItemJson.From)],
                        [.. view.Members.Select(m => TaskListMemberJson.From(m, view))],
                        view.NativeShown is { } shown ? NativeTaskListJson.From(shown) : null),
                    CliJson.Default.TaskListViewJson));
                return ExitCodes.Ok;
            }

            if (summary is not null)
            {
                if (tasks.Count == 0)
                {
                    context.Output.WriteLine($"No tasks in list '{name}' match.");
                }
                else
                {
                    TaskTable.Write(context, tasks, view.All);
                }

                context.Output.WriteLine(
                    $"{summary.Ready} ready, {summary.Pending} pending, {summary.InProgress} in progress, {summary.Completed} completed, {summary.Cancelled} cancelled.");
            }

            if (native is not null)
            {
                TaskTable.WriteNative(context, native, view.NativeRows);
            }

            TaskTable.WriteMembers(context, name, view.Members, native);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Owner(CliContext context, string who) => who switch
    {
        "me" => context.Environment.Actor,
        SessionRegistry.HumanActor => who,
        _ => context.Registry.Resolve(who).SessionId,
    };

    private static int ListLists(CliContext context, bool json)
    {
        var lists = context.Board().Lists();
        var native = NativeListView.ReadAll(context.Environment.ClaudeDirectory, context.Store, context.Environment.Home, "tasks ls");
        var shapes = lists.Select(TaskListSummaryJson.From).Concat(native.Select(TaskListSummaryJson.From)).ToList();
        if (json)
        {
            context.WriteJson(JsonSerializer.Serialize(shapes, CliJson.Default.ListTaskListSummaryJson));
        }
        else if (shapes.Count == 0)
        {
            context.Output.WriteLine("No task lists: a list is created by its first task (baton tasks add LIST SUBJECT).");
        }
        else
        {
            var table = CoordinationCli.Table("LIST", "READY", "PENDING", "IN PROGRESS", "COMPLETED", "CANCELLED", "KIND");
            foreach (var l in shapes)
            {
                table.AddRow(
                    new Text(l.List),
                    new Text(l.Ready.ToString(CultureInfo.InvariantCulture)),
                    new Text(l.Pending.ToString(CultureInfo.InvariantCulture)),
                    new Text(l.InProgress.ToString(CultureInfo.InvariantCulture)),
                    new Text(l.Completed.ToString(CultureInfo.InvariantCulture)),
                    new Text(l.Native ? "-" : l.Cancelled.ToString(CultureInfo.InvariantCulture)),
                    new Text(l.Native ? "native" : "baton"));
            }

            context.Console.Write(table);
        }

        return ExitCodes.Ok;
    }
}
