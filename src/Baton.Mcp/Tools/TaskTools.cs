using System.ComponentModel;
using System.Text.Json.Nodes;
using Baton.ClaudeCode.Tasks;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Core.Tasks;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Shared task lists with dependencies: <c>task_create</c>, <c>task_list</c>, <c>task_get</c>, <c>task_ready</c>,
/// <c>task_claim</c>, <c>task_update</c>, <c>task_release</c>, <c>task_join</c>.</summary>
[McpServerToolType]
internal sealed class TaskTools
{
    private const string ListRule = "The task list, for example 'plan' or 'issue-42': 1-200 ASCII letters, digits and ':_-./@'.";
    private const string IdRule = "The task's id in the list (a small number, from task_create or task_list).";

    private readonly McpRuntime _runtime;

    public TaskTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "task_create", OpenWorld = false)]
    [Description("Add a task to a shared task list (the list exists from its first task), optionally waiting for other tasks of " +
        "the same list. Use it to split a plan into tasks other sessions can claim in parallel. Returns the task with its id.")]
    public string Create(
        [Description(ListRule)] string list,
        [Description("What to do, one line, at most 200 characters.")] string subject,
        [Description("The details, at most 16,000 characters. Optional.")] string? description = null,
        [Description("Ids of tasks in the same list this one waits for; it is ready only when all are completed. Optional.")] long[]? blocked_by = null,
        [Description("Higher is claimed first: -1000 to 1000; default 0.")] int? priority = null,
        [Description("Only a claim naming this role takes it as the next ready task. Optional.")] string? role = null) =>
        _runtime.Run("task_create", call => McpJson.Text(McpJson.Task(new TaskBoard(call.Store).Add(
            list,
            subject,
            description,
            priority ?? 0,
            ToolArguments.Optional(role),
            [.. (blocked_by ?? []).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            call.Actor))));

    [McpServerTool(Name = "task_list", ReadOnly = true, OpenWorld = false)]
    [Description("List a task list's tasks by id with status, owner and what blocks them, plus the live sessions working the " +
        "list and what each owns. Claude Code's own task list of the same name (the one your TaskCreate/TaskUpdate tools keep " +
        "when CLAUDE_CODE_TASK_LIST_ID names it) comes beside Baton's as native_list: each task's status, state (ready, " +
        "blocked, claimed, ...), owner, the session holding its claim, and its open blockers. Without a list: every list, " +
        "Baton's and native, with its counts.")]
    public string List(
        [Description(ListRule + " Leave out to list the lists.")] string? list = null,
        [Description("Only tasks with this status: pending, in_progress, completed or cancelled. Optional.")] string? status = null,
        [Description("Only tasks this session owns: a session id, or 'me'. Optional.")] string? owner = null) =>
        _runtime.Run("task_list", call =>
        {
            if (ToolArguments.Optional(list) is not { } name)
            {
                var native = NativeListView.ReadAll(call.Options.ClaudeDirectory, call.Store, call.Options.Home, "mcp task_list");
                return McpJson.Text(new JsonObject
                {
                    ["lists"] = new JsonArray([
                        .. new TaskBoard(call.Store).Lists().Select(l => (JsonNode)McpJson.ListCounts(l.List, l.Ready, l.Pending, l.InProgress, l.Completed, l.Cancelled, native: false)),
                        .. native.Select(n => (JsonNode)McpJson.ListCounts(n.List.List, n.Ready, n.Count("pending"), n.Count("in_progress"), n.Count(NativeTask.Completed), 0, native: true)),
                    ]),
                });
            }

            var wanted = ToolArguments.Optional(status) is { } s
                ? TaskJournalTypes.ParseStatus(s) ?? throw new UserErrorException($"Unknown status '{s}': use pending, in_progress, completed or cancelled.")
                : (TaskItemStatus?)null;
            var who = ToolArguments.Optional(owner) is { } o ? (o == "me" ? call.Actor : o) : null;
            var view = TaskListView.Read(
                call.Store, call.Registry.List(includeEnded: false), call.Options.ClaudeDirectory, call.Options.Home, "mcp task_list", name,
                new TaskFilter(wanted, who, Limit: TaskListView.MaxTasks));
            return McpJson.Text(new JsonObject
            {
                ["list"] = name,
                ["count"] = view.Tasks.Count,
                ["tasks"] = new JsonArray([.. view.Tasks.Select(t => (JsonNode)McpJson.Task(t))]),
                ["sessions"] = new JsonArray([.. view.Members.Select(m => (JsonNode)new JsonObject
                {
                    ["session_id"] = m.Session.SessionId, ["name"] = m.Session.Name, ["status"] = m.Session.Status.ToWire(), ["owns"] = McpJson.Ids(m.Owns),
                    ["native_owns"] = new JsonArray([.. view.NativeOwns(m.Session).Select(i => (JsonNode)i)]),
                })]),
                ["native_list"] = view.NativeShown is { } shown ? McpJson.NativeList(shown) : null,
            });
        });

    [McpServerTool(Name = "task_get", ReadOnly = true, OpenWorld = false)]
    [Description("Read one task in full: status, owner, blocked_by (and which are still open), blocks, description and result. " +
        "A task of Claude Code's own list of that name, when Baton's list has no such task, comes as it is there (native: true).")]
    public string Get([Description(ListRule)] string list, [Description(IdRule)] long id) =>
        _runtime.Run("task_get", call =>
        {
            var nativeId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (call.Store.GetTask(list, id) is null
                && NativeListView.Read(call.Options.ClaudeDirectory, list, call.Store, call.Options.Home, "mcp task_get")?.Rows.FirstOrDefault(r => r.Task.Id == nativeId) is { } row)
            {
                return McpJson.Text(McpJson.NativeTask(list, row));
            }

            return McpJson.Text(McpJson.Task(new TaskBoard(call.Store).Get(list, id)));
        });

    [McpServerTool(Name = "task_ready", ReadOnly = true, OpenWorld = false)]
    [Description("The tasks of a list you could claim now (pending, unowned, every blocker completed), best first: highest " +
        "priority, then oldest.")]
    public string Ready(
        [Description(ListRule)] string list,
        [Description("Only tasks of this role. Optional.")] string? role = null) =>
        _runtime.Run("task_ready", call =>
        {
            var ready = new TaskBoard(call.Store).List(list, new TaskFilter(ReadyOnly: true, Role: ToolArguments.Optional(role), Limit: 100));
            return McpJson.Text(new JsonObject { ["list"] = list, ["count"] = ready.Count, ["tasks"] = new JsonArray([.. ready.Select(t => (JsonNode)McpJson.Task(t))]) });
        });

    [McpServerTool(Name = "task_claim", OpenWorld = false)]
    [Description("Claim a task for yourself: a given one, or (without id) the next ready one by priority then age. Atomic: " +
        "exactly one session wins, so parallel sessions never work the same task. Then start it with task_update " +
        "status=in_progress and finish with status=completed. Refused, naming the owner or the open blocker, when the task is " +
        "owned by another or blocked. Returns 'claimed': true with the task, or 'claimed': false when nothing is ready.")]
    public string Claim(
        [Description(ListRule)] string list,
        [Description(IdRule + " Leave out for the next ready task.")] long? id = null,
        [Description("For the next ready task: only tasks of this role. Optional.")] string? role = null) =>
        _runtime.Run("task_claim", call =>
        {
            if (new TaskBoard(call.Store).Claim(list, id, ToolArguments.Optional(role), call.Actor) is not { } task)
            {
                return McpJson.Text(new JsonObject { ["claimed"] = false, ["list"] = list, ["message"] = $"No ready task in list '{list}'." });
            }

            return McpJson.Text(new JsonObject { ["claimed"] = true, ["task"] = McpJson.Task(task) });
        });

    [McpServerTool(Name = "task_update", OpenWorld = false)]
    [Description("Change a task: its status (in_progress to start it, completed with an optional result, cancelled) and what " +
        "it waits for (add_blocked_by, remove_blocked_by: ids in the same list; a dependency that would close a cycle is " +
        "refused naming it). Only the task's owner may start or complete it (an unowned ready task is claimed by starting it); " +
        "a task with an open blocker cannot start. Completing a task frees the tasks it blocks. Returns the task.")]
    public string Update(
        [Description(ListRule)] string list,
        [Description(IdRule)] long id,
        [Description("The new status: in_progress, completed or cancelled. Optional.")] string? status = null,
        [Description("With status=completed: what came of it, at most 16,000 characters. Optional.")] string? result = null,
        [Description("Ids of tasks in the same list this one is to wait for. Optional.")] long[]? add_blocked_by = null,
        [Description("Ids of tasks it is to stop waiting for. Optional.")] long[]? remove_blocked_by = null) =>
        _runtime.Run("task_update", call =>
        {
            var board = new TaskBoard(call.Store);
            var task = board.Get(list, id);
            foreach (var blocker in add_blocked_by ?? [])
            {
                task = board.Block(list, id, blocker.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Actor);
            }

            foreach (var blocker in remove_blocked_by ?? [])
            {
                task = board.Unblock(list, id, blocker.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Actor);
            }

            task = ToolArguments.Optional(status) switch
            {
                null => task,
                "in_progress" => board.Start(list, id, call.Actor),
                "completed" => board.Complete(list, id, result, call.Actor),
                "cancelled" => board.Cancel(list, id, call.Actor),
                "pending" => throw new UserErrorException("To give a task back use task_release."),
                var other => throw new UserErrorException($"Unknown status '{other}': use in_progress, completed or cancelled."),
            };
            return McpJson.Text(McpJson.Task(task));
        });

    [McpServerTool(Name = "task_release", OpenWorld = false)]
    [Description("Give a task you own back unfinished: pending and unowned, so another session can claim it at once.")]
    public string Release([Description(ListRule)] string list, [Description(IdRule)] long id) =>
        _runtime.Run("task_release", call => McpJson.Text(McpJson.Task(new TaskBoard(call.Store).Release(list, id, call.Actor))));

    [McpServerTool(Name = "task_join", OpenWorld = false)]
    [Description("Join a task list as your session's list: you show among the sessions working it (task_list, baton tasks ls). " +
        "Sessions started with 'baton new --task-list' have joined already.")]
    public string Join([Description(ListRule)] string list) =>
        _runtime.Run("task_join", call =>
        {
            new TaskBoard(call.Store).Summary(list);
            var session = call.Registry.JoinTaskList(call.Options.SessionId ?? throw new UserErrorException("Only a Claude Code session can join a task list."), list, call.Actor);
            return McpJson.Text(new JsonObject { ["session_id"] = session.SessionId, ["task_list"] = session.TaskList });
        });
}
