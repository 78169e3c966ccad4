using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.EndToEnd;

/// <summary>
/// Reading the scripted model server's requests of several sessions at once: each session's prompt starts with a marker
/// (<c>ALICE-TASK</c>, ...) by which its requests are told apart and its script is picked (<see cref="ByMarker"/>).
/// </summary>
internal static class ModelRequests
{
    /// <summary>A script that answers each request with the next step of the script of the marker its latest prompt carries
    /// (the step after as many tool results as came since that prompt), <c>Noted.</c> past its end, and nothing (the
    /// server's default) for a request with no known marker.</summary>
    /// <param name="scripts">The scripts by marker; read by the model server's threads, so a test may add to it later.</param>
    /// <returns>The script function for <c>ScriptedModelServer.SetScript</c>.</returns>
    public static Func<RecordedRequest, ModelStep?> ByMarker(ConcurrentDictionary<string, ModelStep[]> scripts) => request =>
    {
        var marker = scripts.Keys.Where(m => LastPromptWith(request, m)).FirstOrDefault();
        return marker is null ? null : scripts[marker].ElementAtOrDefault(ToolResultsSince(request, marker)) ?? ModelStep.Text("Noted.");
    };

    /// <summary>Whether the request is of the session whose prompt starts with <paramref name="marker"/> (a conflict notice in
    /// another session's context may name this session's task, so the marker alone anywhere in the body does not tell).</summary>
    public static bool IsOf(RecordedRequest request, string marker) =>
        request.HasTools && UserTexts(request).Any(t => t.StartsWith(marker, StringComparison.Ordinal));

    /// <summary>Whether the latest user prompt carrying a marker carries <paramref name="marker"/> (a later prompt switches scripts).</summary>
    public static bool LastPromptWith(RecordedRequest request, string marker) =>
        UserTexts(request).LastOrDefault(t => t.Contains("-TASK:", StringComparison.Ordinal) || t.Contains("-PERM:", StringComparison.Ordinal)) is { } prompt
        && prompt.Contains(marker, StringComparison.Ordinal);

    /// <summary>The <c>tool_result</c> blocks after the prompt with <paramref name="marker"/>: the index of that script's next step.</summary>
    public static int ToolResultsSince(RecordedRequest request, string marker)
    {
        var messages = request.Json?["messages"] as JsonArray ?? [];
        var start = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (Texts(messages[i]).Any(t => t.Contains(marker, StringComparison.Ordinal)))
            {
                start = i;
            }
        }

        return messages.Skip(start).Select(m => m?["content"]).OfType<JsonArray>().SelectMany(c => c)
            .Count(b => b is JsonObject o && (string?)o["type"] == "tool_result");
    }

    public static IEnumerable<string> UserTexts(RecordedRequest request) =>
        (request.Json?["messages"] as JsonArray ?? []).Where(m => (string?)m?["role"] == "user").SelectMany(Texts);

    public static IEnumerable<string> Texts(JsonNode? message) => message?["content"] switch
    {
        JsonValue text => [text.GetValue<string>()],
        JsonArray blocks => blocks.OfType<JsonObject>().Select(b => (string?)b["text"] ?? b["content"]?.ToJsonString()).OfType<string>(),
        _ => [],
    };

    /// <summary>The text of the request's last message (the new turn's input: a prompt, tool results or hook feedback).</summary>
    public static string LastUserText(RecordedRequest request) =>
        string.Join('\n', Texts((request.Json?["messages"] as JsonArray)?.LastOrDefault()));
}
