namespace Baton.Mcp.Install;

/// <summary>What an install or uninstall did to Claude Code's MCP configuration.</summary>
/// <param name="Location">The file changed (a project's <c>.mcp.json</c>) or the scope (<c>user</c>).</param>
/// <param name="Changed">Whether anything changed; false when it already was as asked.</param>
/// <param name="BackupPath">The backup of the file's previous content; null when nothing was written or there was no file.</param>
public sealed record McpConfigChange(string Location, bool Changed, string? BackupPath);
