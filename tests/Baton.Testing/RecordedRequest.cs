using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>One HTTP request the scripted model server received.</summary>
public sealed record RecordedRequest(DateTime TimeUtc, string Method, string Path, string QueryString, string Body, JsonNode? Json, bool HasTools)
{
    /// <summary>Number of <c>tool_result</c> blocks in the whole <c>messages</c> array: the index of the next script step.</summary>
    public int ToolResultCount => CountToolResults(Json);

    /// <summary>Names of the tools the request offered.</summary>
    public IReadOnlyList<string> ToolNames =>
        Json?["tools"] is JsonArray tools
            ? [.. tools.Select(t => t?["name"]?.GetValue<string>()).OfType<string>()]
            : [];

    /// <summary>Counts <c>tool_result</c> blocks in a Messages API request body.</summary>
    public static int CountToolResults(JsonNode? body)
    {
        if (body?["messages"] is not JsonArray messages)
        {
            return 0;
        }

        return messages
            .Select(m => m?["content"])
            .OfType<JsonArray>()
            .SelectMany(content => content)
            .Count(block => block is JsonObject o && o["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "tool_result");
    }
}
