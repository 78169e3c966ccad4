using System.Text.Json;

namespace Baton.Contracts;

/// <summary>Stored JSON (state values, queue items and results, journal data) embedded in a wire shape as JSON, not as a
/// string.</summary>
public static class JsonEmbedding
{
    /// <summary>Parses stored JSON text for embedding.</summary>
    /// <param name="json">One JSON document as text.</param>
    /// <returns>The document's root, detached from the parser.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonElement Embed(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Parses journal data for embedding; text that is not JSON (written by some older tool) is embedded as a string.</summary>
    /// <param name="text">The data.</param>
    /// <returns>The JSON value.</returns>
    public static JsonElement EmbedLenient(string text)
    {
        try
        {
            return Embed(text);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, ContractJson.Default.String);
        }
    }
}
