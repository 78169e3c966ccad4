using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.ClaudeCode.Tasks;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Tasks;

namespace Baton.Mcp;

/// <summary>
/// The JSON text tools answer with: snake_case names, times as ISO 8601 UTC to the millisecond
/// (<c>2026-11-21T05:27:49.123Z</c>), stored values embedded as the JSON they are, compact.
/// </summary>
internal static class McpJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Text(JsonNode node) => node.ToJsonString(Options);

    public static string? Time(DateTimeOffset? at) => at is { } value ? CoordinationJournalTypes.FormatTime(value) : null;

    /// <summary>Stored JSON text as a node (a stored <c>null</c> stays a JSON null).</summary>
    public static JsonNode? Value(string? json) => json is null ? null : JsonNode.Parse(json);

    public static JsonObject State(StateEntry e, bool withValue = true)
    {
        var o = new JsonObject { ["scope"] = e.Scope, ["key"] = e.Key };
        if (withValue)
        {
            o["value"] = Value(e.ValueJson);
        }

        o["version"] = e.Version;
        o["writer"] = e.Writer;
        o["updated_at"] = Time(e.UpdatedAt);
        return o;
    }

    public static JsonObject Scope(ScopeSummary s) => new()
    {
        ["scope"] = s.Scope,
        ["keys"] = s.Keys,
        ["updated_at"] = Time(s.UpdatedAt),
    };

    public static JsonObject Lock(LockInfo l) => new()
    {
        ["resource"] = l.Resource,
        ["holder"] = l.Holder,
        ["token"] = l.Token,
        ["acquired_at"] = Time(l.AcquiredAt),
        ["expires_at"] = Time(l.ExpiresAt),
        ["reason"] = l.Reason,
    };

    public static JsonObject Item(QueueItem i) => new()
    {
        ["id"] = i.Id,
        ["queue"] = i.Queue,
        ["item"] = Value(i.ItemJson),
        ["priority"] = i.Priority,
        ["status"] = Status(i.Status),
        ["enqueued_by"] = i.EnqueuedBy,
        ["enqueued_at"] = Time(i.EnqueuedAt),
        ["claimer"] = i.Claimer,
        ["claimed_at"] = Time(i.ClaimedAt),
        ["lease_expires_at"] = Time(i.LeaseExpiresAt),
        ["attempts"] = i.Attempts,
        ["completed_at"] = Time(i.CompletedAt),
        ["result"] = Value(i.ResultJson),
    };

    public static string Status(QueueItemStatus status) => status switch
    {
        QueueItemStatus.Pending => "pending",
        QueueItemStatus.Claimed => "claimed",
        _ => "done",
    };

    public static JsonObject Task(TaskItem t) => new()
    {
        ["list"] = t.List,
        ["id"] = t.Id,
        ["subject"] = t.Subject,
        ["description"] = t.Description,
        ["status"] = TaskJournalTypes.StatusName(t.Status),
        ["owner"] = t.Owner,
        ["ready"] = t.IsReady,
        ["blocked_by"] = Ids(t.BlockedBy),
        ["open_blockers"] = Ids(t.OpenBlockers),
        ["blocks"] = Ids(t.Blocks),
        ["priority"] = t.Priority,
        ["role"] = t.Role,
        ["created_at"] = Time(t.CreatedAt),
        ["created_by"] = t.CreatedBy,
        ["updated_at"] = Time(t.UpdatedAt),
        ["updated_by"] = t.UpdatedBy,
        ["result"] = t.Result,
    };

    /// <summary>A list's counts as <c>task_list</c> without a list shows them; <c>native</c>: Claude Code's own list.</summary>
    public static JsonObject ListCounts(string list, int ready, int pending, int inProgress, int completed, int cancelled, bool native) => new()
    {
        ["list"] = list, ["ready"] = ready, ["pending"] = pending, ["in_progress"] = inProgress,
        ["completed"] = completed, ["cancelled"] = cancelled, ["native"] = native,
    };

    /// <summary>A Claude Code native list in the shape <c>baton tasks ls LIST --json</c> prints as <c>native_list</c>.</summary>
    public static JsonNode NativeList(NativeListView list) =>
        JsonSerializer.SerializeToNode(NativeTaskListJson.From(list), NativeTasksJson.Default.NativeTaskListJson)!;

    /// <summary>One native task (<see cref="NativeTaskJson"/>) with its <c>list</c> and <c>native: true</c>.</summary>
    public static JsonObject NativeTask(string list, NativeTaskRow row)
    {
        var task = JsonSerializer.SerializeToNode(NativeTaskJson.From(row), NativeTasksJson.Default.NativeTaskJson)!.AsObject();
        task["list"] = list;
        task["native"] = true;
        return task;
    }

    public static JsonArray Ids(IEnumerable<long> ids) => new([.. ids.Select(id => (JsonNode)id)]);

    public static JsonObject Progress(ProgressEntry p) => new()
    {
        ["subject"] = p.Subject,
        ["phase"] = p.Phase,
        ["percent"] = p.Percent,
        ["message"] = p.Message,
        ["writer"] = p.Writer,
        ["updated_at"] = Time(p.UpdatedAt),
    };

    public static JsonObject Handoff(Handoff h) => new()
    {
        ["subject"] = h.Subject,
        ["next_steps"] = h.NextSteps,
        ["context"] = h.Context,
        ["to"] = h.To,
        ["created_by"] = h.CreatedBy,
        ["created_at"] = Time(h.CreatedAt),
        ["taken_by"] = h.TakenBy,
        ["taken_at"] = Time(h.TakenAt),
    };

    public static JsonObject Journal(JournalEntry e) => new()
    {
        ["sequence"] = e.Sequence,
        ["type"] = e.Type,
        ["subject"] = e.Subject,
        ["actor"] = e.Actor,
        ["origin"] = e.Origin,
        ["at"] = Time(e.At),
        ["data"] = DataOf(e.Data),
    };

    public static JsonObject Session(Session s) => new()
    {
        ["session_id"] = s.SessionId,
        ["short_id"] = SessionRegistry.ShortId(s.SessionId),
        ["name"] = s.Name,
        ["status"] = s.Status.ToWire(),
        ["status_reason"] = s.StatusReason,
        ["project"] = s.Project,
        ["project_root"] = s.ProjectRoot,
        ["cwd"] = s.Cwd,
        ["branch"] = s.Branch,
        ["dirty"] = s.Dirty,
        ["host"] = s.Host,
        ["user"] = s.User,
        ["task"] = s.Task,
        ["last_tool"] = s.LastTool,
        ["started_at"] = Time(s.StartedAt),
        ["updated_at"] = Time(s.UpdatedAt),
        ["ended_at"] = Time(s.EndedAt),
    };

    private static JsonNode? DataOf(string? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return data;
        }
    }
}
