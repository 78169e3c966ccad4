using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core;
using Baton.Core.Home;

namespace Baton.Mcp.Install;

/// <summary>
/// Registers Baton's MCP server in a project's <c>.mcp.json</c> (Claude Code's project scope:
/// <c>{"mcpServers": {"baton": {"command": "/abs/baton", "args": ["mcp"]}}}</c>), keeping every other server and key. The file
/// is written only when the <c>baton</c> entry changes; the old file is first backed up to
/// <c>&lt;batonHome&gt;/backups/.mcp.json.&lt;yyyyMMddTHHmmssfffZ&gt;.bak</c> (0600) and the new content (two-space indentation,
/// trailing newline) replaces the file atomically, keeping its mode (a new file is 0644: it is meant to be shared).
/// Keys of an existing <c>baton</c> entry other than <c>command</c> and <c>args</c> (an <c>env</c>, say) stay.
/// </summary>
public sealed class ProjectMcpConfig
{
    /// <summary>The file name in the project folder.</summary>
    public const string FileName = ".mcp.json";

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _backups;
    private readonly TimeProvider _time;

    /// <summary>Creates the installer.</summary>
    /// <param name="batonHome">Baton's home; backups go to its <c>backups</c> folder.</param>
    /// <param name="time">The clock that stamps backup names.</param>
    public ProjectMcpConfig(string batonHome, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batonHome);
        ArgumentNullException.ThrowIfNull(time);
        _backups = Path.Combine(Path.GetFullPath(batonHome), "backups");
        _time = time;
    }

    /// <summary>Makes the project's <c>.mcp.json</c> start Baton's server with <paramref name="command"/>.</summary>
    /// <param name="projectDirectory">The project folder.</param>
    /// <param name="command">How to start the server.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="UserErrorException">The file is not JSON, or its root or <c>mcpServers</c> is not an object; nothing was written.</exception>
    /// <exception cref="IOException">The file or the backup cannot be read or written.</exception>
    public McpConfigChange Install(string projectDirectory, McpServerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var path = PathIn(projectDirectory);
        var (root, bytes) = Read(path);
        var servers = Servers(root, path, create: true)!;
        var entry = servers[BatonMcpServer.Name] as JsonObject;
        if (entry is not null && command.Matches(Text(entry["command"]), Arguments(entry["args"])))
        {
            return new McpConfigChange(path, Changed: false, BackupPath: null);
        }

        entry ??= [];
        entry["command"] = command.Command;
        entry["args"] = new JsonArray([.. command.Arguments.Select(a => (JsonNode)JsonValue.Create(a))]);
        servers[BatonMcpServer.Name] = entry;
        return Write(path, root, bytes);
    }

    /// <summary>Removes Baton's server from the project's <c>.mcp.json</c>, keeping everything else.</summary>
    /// <param name="projectDirectory">The project folder.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="UserErrorException">The file is not JSON, or its root or <c>mcpServers</c> is not an object; nothing was written.</exception>
    /// <exception cref="IOException">The file or the backup cannot be read or written.</exception>
    public McpConfigChange Uninstall(string projectDirectory)
    {
        var path = PathIn(projectDirectory);
        var (root, bytes) = Read(path);
        if (bytes is null || Servers(root, path, create: false) is not { } servers || !servers.Remove(BatonMcpServer.Name))
        {
            return new McpConfigChange(path, Changed: false, BackupPath: null);
        }

        return Write(path, root, bytes);
    }

    private static string PathIn(string projectDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        return Path.Combine(Path.GetFullPath(projectDirectory), FileName);
    }

    private static (JsonObject Root, byte[]? Bytes) Read(string path)
    {
        if (!File.Exists(path))
        {
            return ([], null);
        }

        var bytes = File.ReadAllBytes(path);
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], bytes);
        }

        try
        {
            return (JsonNode.Parse(text, documentOptions: ReadOptions) as JsonObject
                ?? throw new UserErrorException($"{path} must hold a JSON object with \"mcpServers\"; fix or move it, then run this again."), bytes);
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"{path} is not valid JSON ({e.Message}); fix or move it, then run this again.");
        }
    }

    private static JsonObject? Servers(JsonObject root, string path, bool create)
    {
        if (!root.TryGetPropertyValue("mcpServers", out var node) || node is null)
        {
            if (!create)
            {
                return null;
            }

            var created = new JsonObject();
            root["mcpServers"] = created;
            return created;
        }

        return node as JsonObject
            ?? throw new UserErrorException($"\"mcpServers\" in {path} must be an object of servers; fix it, then run this again.");
    }

    private McpConfigChange Write(string path, JsonObject root, byte[]? previous)
    {
        var backup = previous is null ? null : Backup(path, previous);
        var content = Encoding.UTF8.GetBytes(root.ToJsonString(WriteOptions) + "\n");
        // .mcp.json is shared with the project's other users (it is often committed): a new one is 0644.
        PrivateFile.ReplaceAtomically(path, content, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        return new McpConfigChange(path, Changed: true, backup);
    }

    private string Backup(string path, byte[] bytes)
    {
        Core.Home.BatonHome.CreatePrivateDirectory(_backups);
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var backup = Path.Combine(_backups, $"{Path.GetFileName(path)}.{stamp}{(attempt == 0 ? "" : "-" + attempt.ToString(CultureInfo.InvariantCulture))}.bak");
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(backup, options);
                stream.Write(bytes);
                return backup;
            }
            catch (IOException) when (File.Exists(backup))
            {
                // Taken by another backup in the same millisecond: try the next name.
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<string> Arguments(JsonNode? node) =>
        node is JsonArray array ? array.Select(a => Text(a) ?? "\0") : [];
}
