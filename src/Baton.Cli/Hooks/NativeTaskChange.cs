using System.Text.Json.Nodes;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Tasks;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Hooks;

/// <summary>
/// Journals a change of a Claude Code native task list as a hook of the session that made it sees it (a PostToolUse of
/// TaskUpdate, after the file was written; TaskCreated; TaskCompleted), as one <see cref="TaskJournalTypes.Native"/> entry
/// on the list's subject (once: a report that says what the task's last entry says is dropped, see
/// <see cref="ITaskStore.AppendNativeChange"/>): the task as its file is, and when it is completed the tasks that wait for
/// nothing else now. The
/// other live sessions of the list then hear of it through <see cref="TaskNotices"/> (in their next hook's context, or woken
/// at their prompt), the path Baton's own task changes take. Only for a session that works a list
/// (<see cref="Session.TaskList"/>); a subagent's change counts too (it shares the session's list).
/// </summary>
internal static class NativeTaskChange
{
    /// <summary>Journals the change the hook saw, if it is one.</summary>
    /// <param name="hook">The hook input.</param>
    /// <param name="eventName">The hook event.</param>
    /// <param name="session">The session, as recorded.</param>
    /// <param name="store">The store.</param>
    /// <param name="log">Baton's log (for task files skipped).</param>
    public static void Record(HookInput hook, string eventName, Session session, IBatonStore store, BatonLog log)
    {
        var id = eventName switch
        {
            HookEvents.PostToolUse when hook.ToolName == "TaskUpdate" => hook.ToolTaskId,
            HookEvents.TaskCreated or HookEvents.TaskCompleted => hook.TaskId,
            _ => null,
        };
        if (id is null || session.TaskList is not { } list || session.IsEnded || !NativeTask.IsId(id) || !NativeTask.IsListName(list))
        {
            return;
        }

        var claude = NativeTask.ClaudeDirectoryOf(hook.TranscriptPath);
        var tasks = claude is null ? null : NativeTaskList.Read(claude, list, why => log.Write("hook " + eventName, "native task file skipped: " + why));
        var task = tasks?.Tasks.FirstOrDefault(t => t.Id == id);
        var status = eventName == HookEvents.TaskCompleted || hook.ToolStatus == NativeTask.Completed ? NativeTask.Completed
            : hook.ToolStatus ?? task?.Status;
        var data = new JsonObject { ["id"] = id, ["event"] = eventName == HookEvents.PostToolUse ? hook.ToolName : eventName };
        Add(data, "subject", task?.Subject ?? hook.TaskSubject);
        Add(data, "status", status);
        Add(data, "owner", hook.ToolOwner ?? task?.Owner);
        if (status == NativeTask.Completed && tasks is not null)
        {
            // Waiting for nothing else now: every other blocker completed (this one counts as completed even if its file lags).
            var unblocked = tasks.Tasks
                .Where(t => t.Status == "pending" && t.BlockedBy.Contains(id) && tasks.OpenBlockers(t).All(b => b == id))
                .Select(t => (JsonNode)Unblocked(t));
            data["unblocked"] = new JsonArray([.. unblocked]);
        }

        // Once per change: one TaskUpdate that completes a task is reported by TaskCompleted and by its PostToolUse.
        store.AppendNativeChange(list, session.SessionId, data.ToJsonString());
    }

    private static JsonObject Unblocked(NativeTask task)
    {
        var entry = new JsonObject { ["id"] = task.Id, ["subject"] = task.Subject };
        Add(entry, "owner", task.Owner);
        return entry;
    }

    private static void Add(JsonObject data, string name, string? value)
    {
        if (value is { Length: > 0 })
        {
            data[name] = value;
        }
    }
}
