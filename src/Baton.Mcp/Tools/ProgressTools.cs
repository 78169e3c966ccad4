using System.ComponentModel;
using System.Text.Json.Nodes;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Progress and handoffs: <c>set_progress</c>, <c>get_progress</c>, <c>handoff</c>, <c>take_handoff</c>.</summary>
[McpServerToolType]
internal sealed class ProgressTools
{
    private const string SubjectRule = "The subject, for example 'issue:42': 1-200 ASCII letters, digits and ':_-./@'.";

    private readonly McpRuntime _runtime;

    public ProgressTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "set_progress", OpenWorld = false, Idempotent = true)]
    [Description("Tell the other sessions (and the people watching) how far your work on a subject has come: a phase, a " +
        "percentage and a short message. It replaces the subject's previous progress. Returns the progress as stored.")]
    public string SetProgress(
        [Description(SubjectRule)] string subject,
        [Description("The current phase, for example 'testing' (1-4000 characters).")] string phase,
        [Description("How much is done: 0 to 100.")] int percent,
        [Description("A short note, for example '12 of 30 tests pass' (at most 4000 characters; may be empty).")] string message) =>
        _runtime.Run("set_progress", call => McpJson.Text(
            McpJson.Progress(call.Coordinator.SetProgress(subject, phase, percent, message ?? string.Empty, call.Actor))));

    [McpServerTool(Name = "get_progress", ReadOnly = true, OpenWorld = false)]
    [Description("Read the progress of one subject, or of every subject when none is given: phase, percent, message, who set it and when.")]
    public string GetProgress(
        [Description("The subject; leave out for all.")] string? subject = null) =>
        _runtime.Run("get_progress", call =>
        {
            var entries = call.Coordinator.GetProgress(ToolArguments.Optional(subject));
            return McpJson.Text(new JsonObject
            {
                ["count"] = entries.Count,
                ["progress"] = new JsonArray([.. entries.Select(p => (JsonNode)McpJson.Progress(p))]),
            });
        });

    [McpServerTool(Name = "handoff", OpenWorld = false)]
    [Description("Hand a subject over to the next session: what it is to do next and what it needs to know. Exactly one session " +
        "can take it (take_handoff); with 'to' only that session may. A new handoff of the same subject replaces the old one. " +
        "Returns the handoff as stored.")]
    public string Handoff(
        [Description(SubjectRule)] string subject,
        [Description("What the taker is to do next (required, at most 256 KiB).")] string next_steps,
        [Description("What the taker needs to know: state, decisions, pitfalls (may be empty, at most 256 KiB).")] string context,
        [Description("The session id of the only session that may take it; leave out for anyone.")] string? to = null) =>
        _runtime.Run("handoff", call => McpJson.Text(McpJson.Handoff(
            call.Coordinator.CreateHandoff(subject, next_steps, context ?? string.Empty, call.Actor, ToolArguments.Optional(to)))));

    [McpServerTool(Name = "take_handoff", OpenWorld = false)]
    [Description("Take over a subject someone handed off: returns its next steps and context. Atomic: only one session gets it; " +
        "if another took it first the error says who and when.")]
    public string TakeHandoff(
        [Description(SubjectRule)] string subject) =>
        _runtime.Run("take_handoff", call => McpJson.Text(McpJson.Handoff(call.Coordinator.TakeHandoff(subject, call.Actor))));
}
