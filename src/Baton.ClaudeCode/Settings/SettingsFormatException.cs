namespace Baton.ClaudeCode.Settings;

/// <summary>
/// A Claude Code settings file (or the JSON read from it) does not have the shape Baton
/// can merge into: it is not valid JSON, its root is not an object, or its <c>hooks</c>
/// part is not <c>{"&lt;Event&gt;": [ {matcher group}, ... ]}</c>
/// (Claude Code settings, see docs/claude-code.md, "Hooks").
/// When this is thrown, nothing has been written.
/// </summary>
public sealed class SettingsFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file when known.</param>
    /// <param name="filePath">The settings file concerned, or null when the JSON did not come from a file.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public SettingsFormatException(string message, string? filePath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The settings file concerned, or null when the JSON did not come from a file.</summary>
    public string? FilePath { get; }
}
