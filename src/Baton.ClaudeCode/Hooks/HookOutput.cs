using System.Text;
using System.Text.Json;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// What a command hook prints on stdout (exit 0) to steer Claude Code (see docs/claude-code.md, "Hooks"):
/// <c>{"hookSpecificOutput": {"hookEventName": "&lt;Event&gt;", "additionalContext": "…"}}</c> puts the text into the model's
/// context (seen working for SessionStart, UserPromptSubmit, PreToolUse and PostToolUse); for PreToolUse,
/// <c>"permissionDecision": "deny", "permissionDecisionReason": "…"</c> instead refuses the tool call and gives the model the
/// reason as the tool's result. Printing nothing changes nothing. Confirmed with the real CLI
/// (tests/Baton.EndToEnd/FileLeaseEndToEndTests.cs, MessagesEndToEndTests.cs).
/// </summary>
public static class HookOutput
{
    /// <summary>The PreToolUse output that denies the tool call.</summary>
    /// <param name="reason">Why, shown to the model.</param>
    /// <returns>One line of JSON.</returns>
    public static string Deny(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Write("PreToolUse", w =>
        {
            w.WriteString("permissionDecision", "deny");
            w.WriteString("permissionDecisionReason", reason);
        });
    }

    /// <summary>The output that adds <paramref name="text"/> to the model's context and changes nothing else (a tool call goes ahead as it would have).</summary>
    /// <param name="eventName">The event the hook runs for, e.g. <c>PostToolUse</c>.</param>
    /// <param name="text">The context.</param>
    /// <returns>One line of JSON.</returns>
    public static string Context(string eventName, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        ArgumentNullException.ThrowIfNull(text);
        return Write(eventName, w => w.WriteString("additionalContext", text));
    }

    private static string Write(string eventName, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("hookSpecificOutput");
            writer.WriteString("hookEventName", eventName);
            fields(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
