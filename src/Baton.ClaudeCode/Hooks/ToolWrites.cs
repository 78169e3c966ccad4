using Baton.Core.Coordination.FileLeases;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// The paths a Claude Code tool call is about to write, from its PreToolUse input: Edit, MultiEdit and Write
/// (<c>tool_input.file_path</c>), NotebookEdit (<c>tool_input.notebook_path</c>), and Bash commands that plainly write a
/// path (<see cref="ShellWrites"/>). Every other tool writes nothing that can be told.
/// </summary>
public static class ToolWrites
{
    /// <summary>The tools whose <c>file_path</c> or <c>notebook_path</c> names the file they change.</summary>
    public static IReadOnlySet<string> FileTools { get; } = new HashSet<string>(StringComparer.Ordinal) { "Edit", "MultiEdit", "Write", "NotebookEdit" };

    /// <summary>What a tool call writes.</summary>
    /// <param name="input">The PreToolUse hook input.</param>
    /// <returns>The targets (absolute, or relative to the session's working directory); empty when none can be told.</returns>
    public static IReadOnlyList<WriteTarget> Of(HookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToolName switch
        {
            { } tool when FileTools.Contains(tool) && input.ToolFilePath is { Length: > 0 } path => [new WriteTarget(path)],
            "Bash" when input.ToolCommand is { Length: > 0 } command => ShellWrites.Find(command),
            _ => [],
        };
    }
}
