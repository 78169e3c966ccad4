namespace Baton.ClaudeCode.Settings;

/// <summary>
/// A resolved Claude Code settings file: its scope and absolute path
/// (Claude Code settings, see docs/claude-code.md, "Hooks").
/// Nothing here reads the environment or the file system: the home and project
/// directories are always passed in.
/// </summary>
/// <param name="Scope">Which of the three settings files this is.</param>
/// <param name="FilePath">The absolute path of the settings file (it may not exist yet).</param>
public sealed record SettingsLocation(SettingsScope Scope, string FilePath)
{
    private const string ClaudeFolder = ".claude";

    /// <summary>The user's file, <c>&lt;homeDirectory&gt;/.claude/settings.json</c>.</summary>
    /// <param name="homeDirectory">The user's home directory; a relative path is made absolute against the current directory.</param>
    /// <exception cref="ArgumentException"><paramref name="homeDirectory"/> is null, empty or blank.</exception>
    public static SettingsLocation User(string homeDirectory) =>
        new(SettingsScope.User, Combine(homeDirectory, nameof(homeDirectory), "settings.json"));

    /// <summary>The project's shared file, <c>&lt;projectDirectory&gt;/.claude/settings.json</c>.</summary>
    /// <param name="projectDirectory">The project's root directory; a relative path is made absolute against the current directory.</param>
    /// <exception cref="ArgumentException"><paramref name="projectDirectory"/> is null, empty or blank.</exception>
    public static SettingsLocation Project(string projectDirectory) =>
        new(SettingsScope.Project, Combine(projectDirectory, nameof(projectDirectory), "settings.json"));

    /// <summary>The project's personal file, <c>&lt;projectDirectory&gt;/.claude/settings.local.json</c>.</summary>
    /// <param name="projectDirectory">The project's root directory; a relative path is made absolute against the current directory.</param>
    /// <exception cref="ArgumentException"><paramref name="projectDirectory"/> is null, empty or blank.</exception>
    public static SettingsLocation Local(string projectDirectory) =>
        new(SettingsScope.Local, Combine(projectDirectory, nameof(projectDirectory), "settings.local.json"));

    /// <summary>The settings file of <paramref name="scope"/>.</summary>
    /// <param name="scope">Which file.</param>
    /// <param name="homeDirectory">The user's home directory; needed for <see cref="SettingsScope.User"/> only.</param>
    /// <param name="projectDirectory">The project's root directory; needed for <see cref="SettingsScope.Project"/> and <see cref="SettingsScope.Local"/> only.</param>
    /// <exception cref="ArgumentException">The directory that <paramref name="scope"/> needs is null, empty or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is not a defined value.</exception>
    public static SettingsLocation Resolve(SettingsScope scope, string? homeDirectory, string? projectDirectory) => scope switch
    {
        SettingsScope.User => User(homeDirectory!),
        SettingsScope.Project => Project(projectDirectory!),
        SettingsScope.Local => Local(projectDirectory!),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown settings scope."),
    };

    private static string Combine(string directory, string parameterName, string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory, parameterName);
        return Path.Combine(Path.GetFullPath(directory), ClaudeFolder, fileName);
    }
}
