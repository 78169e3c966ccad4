using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>One scripted model answer: a tool call, a final text, or an API error.</summary>
public sealed class ModelStep
{
    private ModelStep(string? toolName, JsonObject? input, string? text, int? errorStatus = null)
    {
        ToolName = toolName;
        Input = input;
        TextContent = text;
        ErrorStatus = errorStatus;
    }

    /// <summary>The tool to call, for a tool-use step.</summary>
    public string? ToolName { get; }

    /// <summary>The tool input, for a tool-use step.</summary>
    public JsonObject? Input { get; }

    /// <summary>The answer text, for a text step.</summary>
    public string? TextContent { get; }

    /// <summary>For an error step, the HTTP status answered (with an Anthropic error body whose message is
    /// <see cref="TextContent"/>).</summary>
    public int? ErrorStatus { get; }

    /// <summary>Whether this step calls a tool (stop reason <c>tool_use</c>) rather than ending the turn.</summary>
    public bool IsToolUse => ToolName is not null;

    /// <summary>A step that calls <paramref name="toolName"/> with <paramref name="input"/> (a JsonNode or any serializable object).</summary>
    public static ModelStep ToolUse(string toolName, object input)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentNullException.ThrowIfNull(input);
        var node = input is JsonNode json ? json.DeepClone() : JsonSerializer.SerializeToNode(input, input.GetType());
        return new ModelStep(toolName, node as JsonObject ?? throw new ArgumentException("Tool input must be a JSON object.", nameof(input)), null);
    }

    /// <summary>A step that answers <paramref name="text"/> and ends the turn.</summary>
    public static ModelStep Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ModelStep(null, null, text);
    }

    /// <summary>A step that fails the request with HTTP 400 <c>invalid_request_error</c> and <paramref name="message"/>: an
    /// error Claude Code does not retry, so the turn ends with a StopFailure hook.</summary>
    public static ModelStep InvalidRequest(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ModelStep(null, null, message, errorStatus: 400);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsToolUse ? $"ToolUse({ToolName}, {Input!.ToJsonString()})" : ErrorStatus is { } status ? $"Error({status}, {TextContent})" : $"Text({TextContent})";
}
