using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>The journal: <c>log_event</c>, <c>events</c>.</summary>
[McpServerToolType]
internal sealed class EventTools
{
    private readonly McpRuntime _runtime;

    public EventTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "log_event", OpenWorld = false)]
    [Description("Record something that happened for the other sessions to see, for example type 'deploy' with message " +
        "'v1.2 deployed to staging'. It is journaled as 'event.<type>' with you as the actor. Returns its sequence number.")]
    public string LogEvent(
        [Description("The event's type: 1-100 ASCII letters, digits and '_-.', for example 'deploy' or 'tests.failed'.")] string type,
        [Description("What happened (1-4000 characters).")] string message,
        [Description("Details: any JSON, at most 64 KiB. Optional.")] JsonElement? metadata = null) =>
        _runtime.Run("log_event", call => McpJson.Text(
            McpJson.Journal(call.Coordinator.LogEvent(type, message, call.Actor, ToolArguments.OptionalJson(metadata)))));

    [McpServerTool(Name = "events", ReadOnly = true, OpenWorld = false)]
    [Description("Read the journal: every change made through Baton (state.set, lock.acquired, lock.released, queue.claimed, " +
        "handoff.taken, session.status, ...) and the events logged with log_event (event.<type>), oldest first. " +
        "To follow along, pass the last_sequence of the previous answer as since.")]
    public string Events(
        [Description("Only entries after this sequence number; leave out for the latest entries.")] long? since = null,
        [Description("Only entries of this type or glob, for example 'lock.*' or 'event.deploy'; a name without a dot, such as " +
            "'deploy', means the events logged with that type.")] string? type = null,
        [Description("Only entries made by this session id (or 'human').")] string? session = null,
        [Description("At most this many entries: 1 to 1000; default 100.")] int? limit = null) =>
        _runtime.Run("events", call =>
        {
            var pattern = ToolArguments.Optional(type);
            if (pattern is not null && !pattern.Contains('.', StringComparison.Ordinal) && pattern.IndexOfAny(['*', '?']) < 0)
            {
                pattern = CoordinationJournalTypes.EventType(pattern);
            }

            var entries = call.Coordinator.Events(since, pattern, ToolArguments.Optional(session), limit ?? 100);
            return McpJson.Text(new JsonObject
            {
                ["count"] = entries.Count,
                ["last_sequence"] = entries.Count > 0 ? entries[^1].Sequence : since ?? 0,
                ["events"] = new JsonArray([.. entries.Select(e => (JsonNode)McpJson.Journal(e))]),
            });
        });
}
