using System.Text.Json.Nodes;

namespace Baton.ClaudeCode.Settings;

/// <summary>A settings file as read once from disk: its bytes (for the backup), its text and its parsed root object.</summary>
/// <param name="FilePath">The absolute path.</param>
/// <param name="Bytes">The file's bytes, or null when the file does not exist.</param>
/// <param name="Text">The decoded text; for a missing file, the text of <c>{}</c>.</param>
/// <param name="Settings">The parsed root object; <c>{}</c> for a missing or blank file.</param>
internal sealed record SettingsFileContent(string FilePath, byte[]? Bytes, string Text, JsonObject Settings)
{
    /// <summary>Whether the file existed when read.</summary>
    public bool Existed => Bytes is not null;

    /// <summary>Reads <paramref name="filePath"/>; a missing file reads as <c>{}</c>.</summary>
    /// <exception cref="SettingsFormatException">The file is not JSON or its root is not an object.</exception>
    public static SettingsFileContent Read(string filePath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(filePath);
        }
        catch (FileNotFoundException)
        {
            return Missing(filePath);
        }
        catch (DirectoryNotFoundException)
        {
            return Missing(filePath);
        }

        var text = SettingsJson.Decode(bytes);
        return new SettingsFileContent(filePath, bytes, text, SettingsJson.ParseObject(text, filePath));
    }

    private static SettingsFileContent Missing(string filePath)
    {
        JsonObject empty = [];
        return new SettingsFileContent(filePath, null, SettingsJson.Serialize(empty), empty);
    }
}
