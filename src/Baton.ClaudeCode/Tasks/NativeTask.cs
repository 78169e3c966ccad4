using System.Text.Json;

namespace Baton.ClaudeCode.Tasks;

/// <summary>
/// One task of a Claude Code native task list: the file <c>&lt;claude dir&gt;/tasks/&lt;list&gt;/&lt;id&gt;.json</c> that
/// the TaskCreate/TaskUpdate tools keep when <c>CLAUDE_CODE_TASK_LIST_ID</c> is set (seen with 2.1.197 and 2.1.332:
/// <c>{"id": "1", "subject", "description", "status": "pending|in_progress|completed", "owner"?, "blocks": ["2"],
/// "blockedBy": []}</c>; see docs/claude-code.md).
/// </summary>
/// <param name="Id">The id, a small integer as a string.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status">The status as written.</param>
/// <param name="Owner">The owner as written (free text the model chose), or null.</param>
/// <param name="BlockedBy">The ids it waits for.</param>
public sealed record NativeTask(string Id, string Subject, string Status, string? Owner, IReadOnlyList<string> BlockedBy)
{
    /// <summary>The largest task file read, in bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The status of a completed task.</summary>
    public const string Completed = "completed";

    /// <summary>The ids that wait for it (<c>blocks</c>), as written.</summary>
    public IReadOnlyList<string> Blocks { get; init; } = [];

    /// <summary>The folder of a list's files.</summary>
    /// <param name="claudeDirectory">Claude Code's folder (<c>~/.claude</c>, or <c>CLAUDE_CONFIG_DIR</c>).</param>
    /// <param name="list">The list (<c>CLAUDE_CODE_TASK_LIST_ID</c>).</param>
    /// <returns>The folder.</returns>
    public static string Folder(string claudeDirectory, string list) => Path.Combine(claudeDirectory, "tasks", list);

    /// <summary>Claude Code's folder of a user: <c>CLAUDE_CONFIG_DIR</c> when that is set, else <c>~/.claude</c>.</summary>
    /// <param name="userHome">The user's home folder.</param>
    /// <param name="configDirectory">Claude Code's <c>CLAUDE_CONFIG_DIR</c>, when set.</param>
    /// <returns>The folder (which may not exist).</returns>
    public static string ClaudeDirectoryOf(string userHome, string? configDirectory) =>
        string.IsNullOrEmpty(configDirectory) ? Path.Combine(userHome, ".claude") : configDirectory;

    /// <summary>Claude Code's folder as a hook's <c>transcript_path</c> shows it: <c>&lt;dir&gt;/projects/&lt;project&gt;/&lt;session&gt;.jsonl</c>.</summary>
    /// <param name="transcriptPath">The transcript path, or null.</param>
    /// <returns>The folder, or null when the path is not of that shape.</returns>
    public static string? ClaudeDirectoryOf(string? transcriptPath) =>
        transcriptPath is not null && Path.GetDirectoryName(Path.GetDirectoryName(transcriptPath)) is { } projects && Path.GetFileName(projects) == "projects"
            ? Path.GetDirectoryName(projects)
            : null;

    /// <summary>Whether a list name can name a folder of its own under <c>tasks/</c> (no separator, not <c>.</c> or <c>..</c>).</summary>
    /// <param name="list">The list.</param>
    /// <returns>True when it can.</returns>
    public static bool IsListName(string list) =>
        list.Length is > 0 and <= 200 && !list.Contains('/', StringComparison.Ordinal) && !list.Contains('\0', StringComparison.Ordinal) && list is not ("." or "..");

    /// <summary>Whether an id is one Claude Code gives: a plain number of at most 12 digits.</summary>
    /// <param name="id">The id.</param>
    /// <returns>True when it is.</returns>
    public static bool IsId(string id) => id.Length is > 0 and <= 12 && id.All(char.IsAsciiDigit);

    /// <summary>Reads a task's file.</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <param name="list">The list.</param>
    /// <param name="id">The task's id.</param>
    /// <returns>The task; null when the id is not a plain number, or the file is missing, too large or not a task.</returns>
    public static NativeTask? Read(string claudeDirectory, string list, string id) =>
        IsId(id) && IsListName(list) ? Load(Path.Combine(Folder(claudeDirectory, list), id + ".json"), id, out _) : null;

    /// <summary>Reads one task file, saying why it is not a task when it is not.</summary>
    /// <param name="path">The file.</param>
    /// <param name="id">The id its name gives.</param>
    /// <param name="problem">Why it was skipped (missing, too large, half-written, not a task), or null.</param>
    /// <returns>The task, or null.</returns>
    internal static NativeTask? Load(string path, string id, out string? problem)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = "missing";
                return null;
            }

            if (info.Length > MaxBytes)
            {
                problem = $"{info.Length} bytes, more than the {MaxBytes} read";
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object ? $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a task object"
                : Text(root, "id") is { } written && written != id ? $"its id '{written}' is not its file name's"
                : Text(root, "status") is { } status && status is not ("pending" or "in_progress" or Completed) ? $"unknown status '{status}'"
                : null;
            return problem is not null ? null : new NativeTask(
                id,
                Text(root, "subject") ?? "",
                Text(root, "status") ?? "pending",
                Text(root, "owner") is { Length: > 0 } owner ? owner : null,
                Ids(root, "blockedBy"))
            {
                Blocks = Ids(root, "blocks"),
            };
        }
        catch (JsonException e)
        {
            problem = "not whole JSON (half-written?): " + e.Message;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = "unreadable: " + e.Message;
            return null;
        }
    }

    private static string[] Ids(JsonElement root, string name) =>
        root.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array
            ? [.. ids.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!)]
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
