using System.Text.Json.Nodes;

namespace Baton.Core.Tasks;

/// <summary>
/// The journal entry types of task changes and the shape of their data (compact JSON objects). Every entry's subject is
/// <c>tasks:&lt;list&gt;</c> (<see cref="Subject"/>) and its data carries the task's <c>id</c>; the actor is who made the
/// change. Each store builds the data with the methods here so every store journals the same shapes.
/// </summary>
public static class TaskJournalTypes
{
    /// <summary>A task was added. Data: <c>{"id": 3, "priority": 0, "role": "..."?, "blocked_by": [1, 2]}</c>.</summary>
    public const string Created = "task.created";

    /// <summary>A task was claimed (its owner set). Data: <c>{"id": 3}</c>; the actor is the new owner.</summary>
    public const string Claimed = "task.claimed";

    /// <summary>A task's status changed. Data: <c>{"id": 3, "from": "pending", "to": "in_progress", "owner": "..."?, "forced": true?}</c>
    /// (<c>forced</c>: by someone other than its owner, with <c>--force</c>).</summary>
    public const string StatusChanged = "task.status";

    /// <summary>A task's owner let it go (pending again, unowned). Data: <c>{"id": 3, "owner": "...", "abandoned": false, "forced": true?}</c>
    /// (<c>abandoned</c>: released for a session that is gone).</summary>
    public const string Released = "task.released";

    /// <summary>A dependency was added. Data: <c>{"id": 3, "blocker": 1}</c>.</summary>
    public const string Blocked = "task.blocked";

    /// <summary>A dependency was removed. Data: <c>{"id": 3, "blocker": 1}</c>.</summary>
    public const string Unblocked = "task.unblocked";

    /// <summary>A task was deleted (its dependencies with it). Data: <c>{"id": 3, "status": "pending", "owner": "..."?}</c>.</summary>
    public const string Deleted = "task.deleted";

    /// <summary>A task of Claude Code's native list of the same name changed, as a hook of the session that changed it saw it
    /// (PostToolUse of TaskUpdate, TaskCreated, TaskCompleted). Data: <c>{"id": "3", "event": "TaskUpdate", "subject": "...",
    /// "status": "completed"?, "owner": "..."?, "unblocked": [{"id": "4", "subject": "...", "owner": "..."?}]}</c>: the native
    /// id (a string), the event, the task as its file then was, and the tasks that wait for nothing else now that it is
    /// completed. Changes no Baton task; the sessions of the list hear of it like of Baton's own (<see cref="TaskNotices"/>).</summary>
    public const string Native = "task.native";

    /// <summary>How many of a list's latest <see cref="Native"/> entries a store looks through for a task's last one
    /// (<see cref="ITaskStore.AppendNativeChange"/>).</summary>
    public const int NativeLookBack = 500;

    /// <summary>What a <see cref="Native"/> entry's data says of its task, as two reports of one change agree on it: the
    /// task's id, and its status and owner (not the event that reported it, nor the tasks it unblocked, which a report made
    /// before Claude Code wrote the file may tell otherwise).</summary>
    /// <param name="data">The entry's data.</param>
    /// <returns>The id and the state (<c>status</c>, a line feed, <c>owner</c>), or null when the data is not a JSON object
    /// with a text <c>id</c>.</returns>
    public static (string Id, string State)? NativeChangeOf(string? data)
    {
        try
        {
            return data is not null && JsonNode.Parse(data) is JsonObject o && Text(o, "id") is { Length: > 0 } id
                ? (id, Text(o, "status") + "\n" + Text(o, "owner"))
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>The subject of changes to a list's tasks.</summary>
    /// <param name="list">The list.</param>
    /// <returns><c>tasks:&lt;list&gt;</c>.</returns>
    public static string Subject(string list) => "tasks:" + list;

    /// <summary>The name of a status in JSON and messages.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>pending</c>, <c>in_progress</c>, <c>completed</c> or <c>cancelled</c>.</returns>
    public static string StatusName(TaskItemStatus status) => status switch
    {
        TaskItemStatus.Pending => "pending",
        TaskItemStatus.InProgress => "in_progress",
        TaskItemStatus.Completed => "completed",
        TaskItemStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown task status."),
    };

    /// <summary>Reads a status name.</summary>
    /// <param name="name">A name <see cref="StatusName"/> gives.</param>
    /// <returns>The status, or null when the name is not one.</returns>
    public static TaskItemStatus? ParseStatus(string? name) => name switch
    {
        "pending" => TaskItemStatus.Pending,
        "in_progress" => TaskItemStatus.InProgress,
        "completed" => TaskItemStatus.Completed,
        "cancelled" => TaskItemStatus.Cancelled,
        _ => null,
    };

    /// <summary>Data of <see cref="Created"/>.</summary>
    /// <param name="task">The task as added.</param>
    /// <returns>The compact JSON object.</returns>
    public static string CreatedData(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var data = new JsonObject { ["id"] = task.Id, ["priority"] = task.Priority };
        if (task.Role is { } role)
        {
            data["role"] = role;
        }

        data["blocked_by"] = new JsonArray([.. task.BlockedBy.Select(id => (JsonNode)id)]);
        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="Claimed"/>.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The compact JSON object.</returns>
    public static string ClaimedData(long id) => new JsonObject { ["id"] = id }.ToJsonString();

    /// <summary>Data of <see cref="StatusChanged"/>.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="from">The status before.</param>
    /// <param name="to">The status after.</param>
    /// <param name="owner">Its owner after the change, or null.</param>
    /// <param name="forced">True when changed by someone other than its owner.</param>
    /// <returns>The compact JSON object.</returns>
    public static string StatusChangedData(long id, TaskItemStatus from, TaskItemStatus to, string? owner, bool forced)
    {
        var data = new JsonObject { ["id"] = id, ["from"] = StatusName(from), ["to"] = StatusName(to) };
        if (owner is not null)
        {
            data["owner"] = owner;
        }

        if (forced)
        {
            data["forced"] = true;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="Released"/>.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="owner">Whose ownership ended.</param>
    /// <param name="abandoned">True when released for a session that is gone.</param>
    /// <param name="forced">True when released by someone other than its owner.</param>
    /// <returns>The compact JSON object.</returns>
    public static string ReleasedData(long id, string owner, bool abandoned, bool forced)
    {
        var data = new JsonObject { ["id"] = id, ["owner"] = owner, ["abandoned"] = abandoned };
        if (forced)
        {
            data["forced"] = true;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="Blocked"/> and <see cref="Unblocked"/>.</summary>
    /// <param name="id">The task that waits.</param>
    /// <param name="blocker">The task it waits for.</param>
    /// <returns>The compact JSON object.</returns>
    public static string DependencyData(long id, long blocker) => new JsonObject { ["id"] = id, ["blocker"] = blocker }.ToJsonString();

    /// <summary>Data of <see cref="Deleted"/>.</summary>
    /// <param name="task">The task as it was.</param>
    /// <returns>The compact JSON object.</returns>
    public static string DeletedData(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var data = new JsonObject { ["id"] = task.Id, ["status"] = StatusName(task.Status) };
        if (task.Owner is { } owner)
        {
            data["owner"] = owner;
        }

        return data.ToJsonString();
    }
}
