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

    /// <summary>The folder of a list's files.</summary>
    /// <param name="claudeDirectory">Claude Code's folder (<c>~/.claude</c>, or <c>CLAUDE_CONFIG_DIR</c>).</param>
    /// <param name="list">The list (<c>CLAUDE_CODE_TASK_LIST_ID</c>).</param>
    /// <returns>The folder.</returns>
    public static string Folder(string claudeDirectory, string list) => Path.Combine(claudeDirectory, "tasks", list);

    /// <summary>Claude Code's folder as a hook's <c>transcript_path</c> shows it: <c>&lt;dir&gt;/projects/&lt;project&gt;/&lt;session&gt;.jsonl</c>.</summary>
    /// <param name="transcriptPath">The transcript path, or null.</param>
    /// <returns>The folder, or null when the path is not of that shape.</returns>
    public static string? ClaudeDirectoryOf(string? transcriptPath) =>
        transcriptPath is not null && Path.GetDirectoryName(Path.GetDirectoryName(transcriptPath)) is { } projects && Path.GetFileName(projects) == "projects"
            ? Path.GetDirectoryName(projects)
            : null;

    /// <summary>Reads a task's file.</summary>
    /// <param name="claudeDirectory">Claude Code's folder.</param>
    /// <param name="list">The list.</param>
    /// <param name="id">The task's id.</param>
    /// <returns>The task; null when the id is not a plain number, or the file is missing, too large or not a task.</returns>
    public static NativeTask? Read(string claudeDirectory, string list, string id)
    {
        if (id.Length is 0 or > 12 || !id.All(char.IsAsciiDigit) || list.Contains('/', StringComparison.Ordinal) || list is "." or "..")
        {
            return null;
        }

        var path = Path.Combine(Folder(claudeDirectory, list), id + ".json");
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null : new NativeTask(
                id,
                Text(root, "subject") ?? "",
                Text(root, "status") ?? "pending",
                Text(root, "owner") is { Length: > 0 } owner ? owner : null,
                root.TryGetProperty("blockedBy", out var blocked) && blocked.ValueKind == JsonValueKind.Array
                    ? [.. blocked.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!)]
                    : []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
