using System.Text.Json;
using Baton.Core.Sessions;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// The JSON a Claude Code hook reads on stdin (see docs/claude-code.md, "Hooks"). Every event carries
/// <c>session_id</c>, <c>transcript_path</c>, <c>cwd</c> and <c>hook_event_name</c>; the other members are set only for
/// the events that carry them. Unknown members are ignored, so newer Claude Code versions keep working.
/// </summary>
public sealed record HookInput
{
    /// <summary>The largest input read, in bytes (4 MiB); larger input is refused without being parsed.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The name of Claude Code's own tool for messages between sessions.</summary>
    public const string SendMessageTool = "SendMessage";

    /// <summary><c>session_id</c>: Claude Code's session id.</summary>
    public required string SessionId { get; init; }

    /// <summary><c>hook_event_name</c>, for example <c>PostToolUse</c>; null when absent.</summary>
    public string? EventName { get; init; }

    /// <summary><c>cwd</c>: the session's working directory.</summary>
    public string? Cwd { get; init; }

    /// <summary><c>transcript_path</c>: the session's transcript file.</summary>
    public string? TranscriptPath { get; init; }

    /// <summary><c>model</c> (SessionStart): a model id string, or the <c>id</c> of a model object.</summary>
    public string? Model { get; init; }

    /// <summary><c>tool_name</c> (PreToolUse, PermissionRequest, PostToolUse…).</summary>
    public string? ToolName { get; init; }

    /// <summary><c>tool_input.file_path</c>, else <c>tool_input.notebook_path</c> (Edit, Write, NotebookEdit…): the file a tool works on.</summary>
    public string? ToolFilePath { get; init; }

    /// <summary><c>tool_input.command</c> (Bash): the shell command.</summary>
    public string? ToolCommand { get; init; }

    /// <summary><c>tool_input.taskId</c> (TaskUpdate, TaskGet): the native task the tool works on.</summary>
    public string? ToolTaskId { get; init; }

    /// <summary><c>tool_input.owner</c> (TaskUpdate): the owner the tool sets; empty clears it.</summary>
    public string? ToolOwner { get; init; }

    /// <summary><c>tool_input.status</c> (TaskUpdate): <c>pending</c>, <c>in_progress</c>, <c>completed</c> or <c>deleted</c>.</summary>
    public string? ToolStatus { get; init; }

    /// <summary><c>agent_id</c>: the subagent the hook fired within; absent on the main agent's hooks (Claude Code 2.1.197,
    /// pinned by <c>ClaudeCliFactsTests</c>).</summary>
    public string? AgentId { get; init; }

    /// <summary>
    /// For Claude Code's own SendMessage tool (2.1.332; <c>tool_input</c> <c>{"to": "&lt;agent name&gt;", "summary": "…",
    /// "message": "&lt;text&gt;"}</c>, see docs/claude-code.md): the recipient as the model addressed it (a peer name, or
    /// <c>uds:&lt;socket&gt;</c>, <c>bridge:&lt;session id&gt;</c>) and the text; null for any other tool, a message that
    /// is not plain text, or one claude could not deliver (<c>tool_response.success</c> false).
    /// </summary>
    public (string To, string Body)? SentMessage { get; init; }

    /// <summary><c>notification_type</c> (Notification): <c>permission_prompt</c>, <c>idle_prompt</c>, <c>auth_success</c>, <c>elicitation_dialog</c>.</summary>
    public string? NotificationType { get; init; }

    /// <summary><c>reason</c> (SessionEnd), for example <c>prompt_input_exit</c>; for SessionStart its <c>source</c>
    /// (<c>startup</c>, <c>resume</c>, <c>clear</c>, <c>compact</c>).</summary>
    public string? Reason { get; init; }

    /// <summary><c>teammate_name</c> (TeammateIdle, TaskCreated, TaskCompleted in an agent team, Claude Code 2.1.332).</summary>
    public string? TeammateName { get; init; }

    /// <summary><c>task_id</c> (TaskCreated, TaskCompleted): the Claude Code task.</summary>
    public string? TaskId { get; init; }

    /// <summary><c>task_subject</c> (TaskCreated, TaskCompleted): the task's subject.</summary>
    public string? TaskSubject { get; init; }

    /// <summary>The error text of a StopFailure: the first string among <c>error</c>, <c>error_message</c>, <c>message</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Parses hook input.</summary>
    /// <param name="utf8Json">The UTF-8 JSON read from stdin.</param>
    /// <returns>The input.</returns>
    /// <exception cref="FormatException">The input is not a JSON object, or lacks a <c>session_id</c> string that
    /// <see cref="SessionIdFormat"/> accepts.</exception>
    public static HookInput Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"Hook input is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Hook input must be a JSON object, not {root.ValueKind}.");
            }

            var sessionId = Text(root, "session_id");
            SessionIdFormat.Check(sessionId);

            JsonElement? toolInput = root.TryGetProperty("tool_input", out var input) && input.ValueKind == JsonValueKind.Object ? input : null;
            return new HookInput
            {
                SessionId = sessionId,
                EventName = Text(root, "hook_event_name"),
                Cwd = Text(root, "cwd"),
                TranscriptPath = Text(root, "transcript_path"),
                Model = Text(root, "model") ?? (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object ? Text(model, "id") : null),
                ToolName = Text(root, "tool_name"),
                ToolFilePath = toolInput is { } fileInput ? Text(fileInput, "file_path") ?? Text(fileInput, "notebook_path") : null,
                ToolCommand = toolInput is { } commandInput ? Text(commandInput, "command") : null,
                ToolTaskId = toolInput is { } taskInput ? Text(taskInput, "taskId") : null,
                ToolOwner = toolInput is { } ownerInput ? Text(ownerInput, "owner") : null,
                ToolStatus = toolInput is { } statusInput ? Text(statusInput, "status") : null,
                SentMessage = Text(root, "tool_name") == SendMessageTool && toolInput is { } sent && Text(sent, "to") is { } to && Text(sent, "message") is { } body
                    && !(root.TryGetProperty("tool_response", out var response) && response.ValueKind == JsonValueKind.Object
                        && response.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
                    ? (to, body)
                    : null,
                NotificationType = Text(root, "notification_type"),
                AgentId = Text(root, "agent_id"),
                Reason = Text(root, "reason") ?? Text(root, "source"),
                TeammateName = Text(root, "teammate_name"),
                TaskId = Text(root, "task_id"),
                TaskSubject = Text(root, "task_subject"),
                Error = Text(root, "error") ?? Text(root, "error_message") ?? Text(root, "message"),
            };
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
