using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Baton.ClaudeCode.Tasks;
using Baton.Contracts;
using Baton.Contracts.Coordination;
using Baton.Contracts.Sessions;
using Baton.Contracts.Tasks;
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
    public static string Text(JsonNode node) => node.ToJsonString(ContractJson.Compact);

    public static string? Time(DateTimeOffset? at) => at is { } value ? CoordinationJournalTypes.FormatTime(value) : null;

    /// <summary>Stored JSON text as a node (a stored <c>null</c> stays a JSON null).</summary>
    public static JsonNode? Value(string? json) => json is null ? null : JsonNode.Parse(json);

    public static JsonObject State(StateEntry e, bool withValue = true)
    {
        var o = Shape(StateEntryJson.From(e), ContractJson.Default.StateEntryJson);
        if (!withValue)
        {
            o.Remove("value");
        }

        return o;
    }

    public static JsonObject Scope(ScopeSummary s) => Shape(ScopeJson.From(s), ContractJson.Default.ScopeJson);

    public static JsonObject Lock(LockInfo l) => Shape(LockJson.From(l), ContractJson.Default.LockJson);

    public static JsonObject Item(QueueItem i) => Shape(QueueItemJson.From(i), ContractJson.Default.QueueItemJson);

    public static JsonObject Task(TaskItem t) => Shape(TaskItemJson.From(t), ContractJson.Default.TaskItemJson);

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

    public static JsonObject Progress(ProgressEntry p) => Shape(ProgressJson.From(p), ContractJson.Default.ProgressJson);

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

    public static JsonObject Journal(JournalEntry e) => Shape(EventJson.From(e), ContractJson.Default.EventJson);

    public static JsonObject Session(Session s) => Shape(SessionJson.From(s), ContractJson.Default.SessionJson);

    /// <summary>A wire shape as a JSON object, for a tool's answer to hold (<see cref="ContractJson"/>: the same shape
    /// <c>baton --json</c> writes).</summary>
    public static JsonObject Shape<T>(T shape, JsonTypeInfo<T> type) => JsonSerializer.SerializeToNode(shape, type)!.AsObject();
}
