using Baton.Core.Sessions;

namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Claude Code's <c>crossSessionInbound</c> setting (2.1.332): what a session does with messages its user's other sessions
/// send it: <c>accept</c> delivers them, <c>hold</c> parks them for the person's review, <c>refuse</c> opts the session
/// out (see docs/claude-code.md). Read from the session's settings files, the first that sets it winning: the project's
/// <c>.claude/settings.local.json</c>, its <c>.claude/settings.json</c>, the user's <c>settings.json</c>.
/// </summary>
public static class CrossSessionInbound
{
    /// <summary>The setting's name in a settings file.</summary>
    public const string Key = "crossSessionInbound";

    /// <summary>The value that opts a session out of other sessions' messages.</summary>
    public const string Refuse = "refuse";

    /// <summary>The value that parks other sessions' messages for the person's review.</summary>
    public const string Hold = "hold";

    /// <summary>The session's choice, as its settings files say.</summary>
    /// <param name="session">The session (its project root, else its working folder, is the project).</param>
    /// <param name="userHome">The user's home folder.</param>
    /// <returns>The value set (for example <see cref="Refuse"/>), or null when no file sets it or a file cannot be read.</returns>
    public static string? Of(Session session, string userHome)
    {
        ArgumentNullException.ThrowIfNull(session);
        var project = session.ProjectRoot ?? session.Cwd;
        IEnumerable<SettingsLocation> files = project is null
            ? [SettingsLocation.User(userHome)]
            : [SettingsLocation.Local(project), SettingsLocation.Project(project), SettingsLocation.User(userHome)];
        return files.Select(f => ValueIn(f.FilePath)).FirstOrDefault(v => v is not null);
    }

    /// <summary>The choice that keeps messages from its user's other sessions out of a session: <see cref="Refuse"/>, or
    /// <see cref="Hold"/> (held for the person's approval, which only Claude Code's own terminal can ask for, so Baton does
    /// not deliver them either).</summary>
    /// <param name="session">The session.</param>
    /// <param name="userHome">The user's home folder.</param>
    /// <returns><see cref="Refuse"/> or <see cref="Hold"/>; null when the session takes them (<c>accept</c>, or not set).</returns>
    public static string? Closed(Session session, string userHome) => Of(session, userHome) is (Refuse or Hold) and var choice ? choice : null;

    private static string? ValueIn(string path)
    {
        try
        {
            return SettingsFileContent.Read(path).Settings[Key] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SettingsFormatException)
        {
            return null;
        }
    }
}
