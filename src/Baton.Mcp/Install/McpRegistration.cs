using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Mcp.Install;

/// <summary>
/// Where Claude Code finds Baton's MCP server, read from its files without starting <c>claude</c> (which would also start the
/// server to check it): the user scope in <c>~/.claude.json</c> (<c>{"mcpServers": {"baton": {"command", "args"}}}</c>), then
/// the local scope of the project in the same file (<c>projects.&lt;dir&gt;.mcpServers</c>), then the project's <c>.mcp.json</c>.
/// </summary>
/// <param name="Scope"><c>user</c>, <c>local</c> or <c>project</c>.</param>
/// <param name="FilePath">The file that registers it.</param>
/// <param name="Command">The program Claude Code starts, or null when the entry has none.</param>
/// <param name="Arguments">Its arguments.</param>
public sealed record McpRegistration(string Scope, string FilePath, string? Command, IReadOnlyList<string> Arguments)
{
    /// <summary>Finds Baton's server registration (the first of the user, local and project scopes that has one).</summary>
    /// <param name="userHome">The user's home folder (where <c>.claude.json</c> is).</param>
    /// <param name="projectDirectory">The project folder (its git top-level), or null to look in the user scope only.</param>
    /// <returns>The registration, or null when none of the files registers Baton's server (or a file is not JSON).</returns>
    public static McpRegistration? Find(string userHome, string? projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(userHome);
        var userFile = Path.Combine(userHome, ".claude.json");
        var user = Read(userFile);
        if (Entry(user?["mcpServers"]) is { } global)
        {
            return From("user", userFile, global);
        }

        if (projectDirectory is null)
        {
            return null;
        }

        if (Entry(user?["projects"]?[Path.TrimEndingDirectorySeparator(projectDirectory)]?["mcpServers"]) is { } local)
        {
            return From("local", userFile, local);
        }

        var projectFile = Path.Combine(projectDirectory, ProjectMcpConfig.FileName);
        return Entry(Read(projectFile)?["mcpServers"]) is { } project ? From("project", projectFile, project) : null;
    }

    private static JsonObject? Entry(JsonNode? servers) => servers is JsonObject map ? map[BatonMcpServer.Name] as JsonObject : null;

    private static McpRegistration From(string scope, string file, JsonObject entry) => new(
        scope,
        file,
        entry["command"] is JsonValue command && command.TryGetValue<string>(out var text) ? text : null,
        entry["args"] is JsonArray args ? [.. args.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : a?.ToJsonString() ?? "")] : []);

    private static JsonObject? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
