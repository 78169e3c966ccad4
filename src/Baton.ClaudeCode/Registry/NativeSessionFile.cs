using System.Globalization;
using System.Text.Json;

namespace Baton.ClaudeCode.Registry;

/// <summary>
/// One entry of Claude Code's own live-session registry: the file <c>~/.claude/sessions/&lt;pid&gt;.json</c> that each
/// running claude keeps up to date (2.1.197 already writes <c>status</c> and <c>name</c>; 2.1.332 adds <c>waitingFor</c>
/// and <c>messagingSocketPath</c>), for
/// example <c>{"pid": 4525, "sessionId": "9d58…", "cwd": "/src/shop", "procStart": "5562758", "kind": "interactive",
/// "tmux": "claude:@0.%0", "messagingSocketPath": "/tmp/cc-socks/4525.sock", "name": "shop-0e", "nameSource": "derived",
/// "status": "waiting", "waitingFor": "permission prompt", "updatedAt": 1796457947447, "statusUpdatedAt": 1796457947447}</c>
/// (times in ms since the Unix epoch; see docs/claude-code.md). Fields a release does not write are null.
/// </summary>
/// <param name="Pid">The claude process.</param>
/// <param name="SessionId">Claude Code's <c>session_id</c>.</param>
/// <param name="Cwd">The session's working folder.</param>
/// <param name="ProcessStartTicks">The process's start, in clock ticks since boot (<c>procStart</c>): with the pid, it
/// tells a live entry from one a reused pid left behind.</param>
/// <param name="Kind">How it runs: <c>interactive</c>, or another kind such as print mode.</param>
/// <param name="Name">Claude Code's name for the session (what <c>ListAgents</c> shows).</param>
/// <param name="NameSource"><c>derived</c> (made up from the folder) or how a person chose it.</param>
/// <param name="Status"><c>busy</c>, <c>idle</c> or <c>waiting</c>; null before the first turn.</param>
/// <param name="WaitingFor">While <c>waiting</c>: what for, for example <c>permission prompt</c>, <c>dialog open</c>,
/// <c>input needed</c>.</param>
/// <param name="MessagingSocketPath">The Unix socket other sessions' messages arrive on.</param>
/// <param name="StatusUpdatedAt">When the status last changed (UTC).</param>
public sealed record NativeSessionFile(
    int Pid,
    string SessionId,
    string? Cwd,
    long? ProcessStartTicks,
    string? Kind,
    string? Name,
    string? NameSource,
    string? Status,
    string? WaitingFor,
    string? MessagingSocketPath,
    DateTimeOffset? StatusUpdatedAt)
{
    /// <summary>The <c>status</c> of a session at work.</summary>
    public const string Busy = "busy";

    /// <summary>The <c>status</c> of a session at rest at its prompt.</summary>
    public const string Idle = "idle";

    /// <summary>The <c>status</c> of a session that waits for a person (see <see cref="WaitingFor"/>).</summary>
    public const string Waiting = "waiting";

    /// <summary>The <c>waitingFor</c> of a permission prompt.</summary>
    public const string PermissionPrompt = "permission prompt";

    /// <summary>The most a registry file may hold to be read, in bytes: Claude Code's are well under 2 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The registry folder of a user: <c>$CLAUDE_CONFIG_DIR/sessions</c> when that is set, else
    /// <c>~/.claude/sessions</c>.</summary>
    /// <param name="userHome">The user's home folder.</param>
    /// <param name="configDirectory">Claude Code's <c>CLAUDE_CONFIG_DIR</c>, when set.</param>
    /// <returns>The folder (which may not exist yet).</returns>
    public static string FolderOf(string userHome, string? configDirectory) =>
        Path.Combine(string.IsNullOrEmpty(configDirectory) ? Path.Combine(userHome, ".claude") : configDirectory, "sessions");

    /// <summary>The registry folder of the user this process runs as (<c>HOME</c>, <c>CLAUDE_CONFIG_DIR</c>).</summary>
    public static string UserFolder =>
        FolderOf(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.GetEnvironmentVariable("CLAUDE_CONFIG_DIR"));

    /// <summary>
    /// The session a SendMessage address names, as far as the registry tells: <c>uds:&lt;socket&gt;</c> is the session whose
    /// <see cref="MessagingSocketPath"/> it is, <c>bridge:&lt;session id&gt;</c> that session; anything else is a peer name
    /// and is returned as it is (Baton's session names are Claude Code's).
    /// </summary>
    /// <param name="address">The <c>to</c> of a SendMessage call.</param>
    /// <param name="folder">The registry folder.</param>
    /// <returns>A session id or name; null for a socket no live entry has.</returns>
    public static string? Addressee(string address, string folder)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.StartsWith("bridge:", StringComparison.Ordinal))
        {
            return address["bridge:".Length..];
        }

        if (!address.StartsWith("uds:", StringComparison.Ordinal))
        {
            return address;
        }

        var socket = address["uds:".Length..];
        return Entries(folder).FirstOrDefault(e => e.MessagingSocketPath == socket)?.SessionId;
    }

    /// <summary>The entry of one session, when its claude has one in the registry now.</summary>
    /// <param name="folder">The registry folder.</param>
    /// <param name="sessionId">Claude Code's <c>session_id</c>.</param>
    /// <returns>The entry, or null.</returns>
    public static NativeSessionFile? OfSession(string folder, string sessionId) =>
        Entries(folder).FirstOrDefault(e => e.SessionId == sessionId);

    /// <summary>Every entry of a registry folder that reads whole; none when the folder is missing or unreadable.</summary>
    /// <param name="folder">The registry folder.</param>
    /// <returns>The entries, in no order.</returns>
    public static IReadOnlyList<NativeSessionFile> Entries(string folder)
    {
        try
        {
            return [.. Directory.EnumerateFiles(folder, "*.json").Where(f => IsEntry(Path.GetFileName(f))).Select(TryRead).OfType<NativeSessionFile>()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Whether a file name is a registry entry (<c>&lt;pid&gt;.json</c>; the <c>&lt;pid&gt;.&lt;hash&gt;.key</c>
    /// files beside them hold peer tokens and are never read).</summary>
    /// <param name="fileName">The name, without folder.</param>
    /// <returns>True for an entry.</returns>
    public static bool IsEntry(string fileName) =>
        fileName.EndsWith(".json", StringComparison.Ordinal)
        && int.TryParse(fileName.AsSpan(0, fileName.Length - ".json".Length), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Reads one entry; null when it is missing, too large, being rewritten or not an entry.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The entry, or null.</returns>
    public static NativeSessionFile? TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete });
            if (stream.Length > MaxBytes)
            {
                return null;
            }

            using var document = JsonDocument.Parse(stream);
            return FromJson(document.RootElement);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads an entry from its JSON object; null when <c>pid</c> or <c>sessionId</c> is missing.</summary>
    /// <param name="root">The file's root element.</param>
    /// <returns>The entry, or null.</returns>
    public static NativeSessionFile? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.Number || !pid.TryGetInt32(out var pidValue) || pidValue <= 1
            || Text(root, "sessionId") is not { Length: > 0 } sessionId)
        {
            return null;
        }

        return new NativeSessionFile(
            pidValue,
            sessionId,
            Text(root, "cwd"),
            long.TryParse(Text(root, "procStart"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null,
            Text(root, "kind"),
            Text(root, "name"),
            Text(root, "nameSource"),
            Text(root, "status"),
            Text(root, "waitingFor"),
            Text(root, "messagingSocketPath"),
            root.TryGetProperty("statusUpdatedAt", out var at) && at.ValueKind == JsonValueKind.Number && at.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
