using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Reads and writes the text of a Claude Code settings file. Reading accepts trailing commas and a
/// UTF-8 byte order mark, and refuses <c>//</c> and <c>/* */</c> comments naming their line (a rewrite
/// would silently drop them). Writing indents with two spaces, ends with a newline and escapes only
/// what JSON requires.
/// </summary>
internal static class SettingsJson
{
    private static readonly JsonDocumentOptions _readOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonDocumentOptions _commentsSkipped = _readOptions with { CommentHandling = JsonCommentHandling.Skip };

    private static readonly JsonSerializerOptions _writeOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Decodes file bytes (honouring a byte order mark).</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Utf8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Parses settings text whose root must be an object; blank text is <c>{}</c>.</summary>
    /// <exception cref="SettingsFormatException">Not JSON, a comment (the message names its line), duplicate keys, or the root is not an object.</exception>
    public static JsonObject ParseObject(string text, string filePath)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, nodeOptions: null, _readOptions);
        }
        catch (JsonException e) when (IsJsonWithComments(text))
        {
            throw new SettingsFormatException(
                $"Claude Code settings file '{filePath}' has a comment on line {e.LineNumber + 1}: Baton would lose it when it writes the file. " +
                "Remove the comments (settings files are plain JSON) and run again.",
                filePath,
                e);
        }
        catch (JsonException e)
        {
            throw new SettingsFormatException($"Claude Code settings file '{filePath}' is not valid JSON: {e.Message}", filePath, e);
        }

        return root as JsonObject
            ?? throw new SettingsFormatException($"Claude Code settings file '{filePath}' must hold a JSON object, not {Describe(root)}.", filePath);
    }

    private static bool IsJsonWithComments(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, _commentsSkipped);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The file text for <paramref name="settings"/>: two-space indentation and a trailing newline.</summary>
    public static string Serialize(JsonObject settings) => settings.ToJsonString(_writeOptions) + "\n";

    /// <summary>"null", "an array", "a string", ... for error messages.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an object",
    };
}
