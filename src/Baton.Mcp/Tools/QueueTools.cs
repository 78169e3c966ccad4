using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Work queues with leases: <c>enqueue</c>, <c>claim_next</c>, <c>complete</c>, <c>release</c>, <c>list_queue</c>.</summary>
[McpServerToolType]
internal sealed class QueueTools
{
    private const string QueueRule = "The queue, for example 'tests' or 'issue:42:tasks': 1-200 ASCII letters, digits and ':_-./@'.";

    private readonly McpRuntime _runtime;

    public QueueTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "enqueue", OpenWorld = false)]
    [Description("Add a work item to a queue (the queue exists from its first item). Items are claimed highest priority first, " +
        "then oldest. Returns the item with its id.")]
    public string Enqueue(
        [Description(QueueRule)] string queue,
        [Description("The work item: any JSON (for example {\"file\": \"src/a.cs\", \"task\": \"add tests\"}), at most 256 KiB.")] JsonElement item,
        [Description("Higher is claimed first: -1000 to 1000; default 0.")] int? priority = null) =>
        _runtime.Run("enqueue", call => McpJson.Text(
            McpJson.Item(call.Coordinator.Enqueue(queue, ToolArguments.Json(item, "item"), call.Actor, priority ?? 0))));

    [McpServerTool(Name = "claim_next", OpenWorld = false)]
    [Description("Claim the next pending item of a queue for yourself. Atomic: each item goes to exactly one session, so parallel " +
        "workers never get the same item. The claim lasts lease_seconds; finish with complete, or give it back with release; " +
        "an item whose lease runs out is pending again for others. Returns 'claimed': true with the item (its id and content), " +
        "or 'claimed': false when nothing is pending.")]
    public string ClaimNext(
        [Description(QueueRule)] string queue,
        [Description("How long the claim lasts, in seconds: 1 to 86400; default 300.")] double? lease_seconds = null) =>
        _runtime.Run("claim_next", call =>
        {
            var lease = lease_seconds is { } seconds ? ToolArguments.Seconds(seconds, "lease_seconds") : (TimeSpan?)null;
            if (call.Coordinator.ClaimNext(queue, call.Actor, lease) is not { } item)
            {
                return McpJson.Text(new JsonObject
                {
                    ["claimed"] = false,
                    ["queue"] = queue,
                    ["message"] = $"No pending item in queue '{queue}'.",
                });
            }

            return McpJson.Text(new JsonObject { ["claimed"] = true, ["item"] = McpJson.Item(item) });
        });

    [McpServerTool(Name = "complete", OpenWorld = false)]
    [Description("Mark an item you claimed as done, with an optional result. Refused when you do not hold a live claim on it " +
        "(someone else claimed it, your lease ran out, or it is done already); the error says who has it.")]
    public string Complete(
        [Description(QueueRule)] string queue,
        [Description("The item's id, from claim_next.")] long item_id,
        [Description("The outcome: any JSON, at most 256 KiB. Optional.")] JsonElement? result = null) =>
        _runtime.Run("complete", call => McpJson.Text(
            McpJson.Item(call.Coordinator.Complete(queue, item_id, call.Actor, ToolArguments.OptionalJson(result)))));

    [McpServerTool(Name = "release", OpenWorld = false)]
    [Description("Give an item you claimed back to its queue unfinished, so another session can claim it at once. " +
        "Refused when you do not hold a live claim on it.")]
    public string Release(
        [Description(QueueRule)] string queue,
        [Description("The item's id, from claim_next.")] long item_id) =>
        _runtime.Run("release", call => McpJson.Text(McpJson.Item(call.Coordinator.Release(queue, item_id, call.Actor))));

    [McpServerTool(Name = "list_queue", ReadOnly = true, OpenWorld = false)]
    [Description("List a queue's items, oldest first, with their status (pending, claimed, done), claimer and lease. At most 1000.")]
    public string ListQueue(
        [Description(QueueRule)] string queue,
        [Description("Only items with this status: pending, claimed or done. Leave out for all.")] string? status = null) =>
        _runtime.Run("list_queue", call =>
        {
            var items = call.Coordinator.ListQueue(queue, QueueItemStatusNames.Parse(ToolArguments.Optional(status)), CoordinationLimits.MaxListLimit);
            return McpJson.Text(new JsonObject
            {
                ["queue"] = queue,
                ["count"] = items.Count,
                ["items"] = new JsonArray([.. items.Select(i => (JsonNode)McpJson.Item(i))]),
            });
        });
}
