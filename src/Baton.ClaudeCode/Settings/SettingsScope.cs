namespace Baton.ClaudeCode.Settings;

/// <summary>
/// Which Claude Code settings file a hook installation targets
/// (Claude Code settings, see docs/claude-code.md, "Hooks").
/// </summary>
public enum SettingsScope
{
    /// <summary>The user's own file, <c>$HOME/.claude/settings.json</c>: applies to every session of that user.</summary>
    User,

    /// <summary>The project's shared file, <c>&lt;projectDir&gt;/.claude/settings.json</c>, usually committed.</summary>
    Project,

    /// <summary>The project's personal file, <c>&lt;projectDir&gt;/.claude/settings.local.json</c>, usually not committed.</summary>
    Local,
}
