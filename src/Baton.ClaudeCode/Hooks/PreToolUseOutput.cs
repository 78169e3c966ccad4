using System.Text;
using System.Text.Json;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// What a PreToolUse command hook prints on stdout (exit 0) to steer Claude Code (see shared/docs/claude-code.md, "Hooks"):
/// <c>{"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": "…"}}</c>
/// refuses the tool call and gives the model the reason as the tool's result; with <c>additionalContext</c> instead, the call
/// goes ahead (the hook makes no permission decision) and the text reaches the model as context. Printing nothing changes nothing.
/// Both were confirmed with the real CLI (tests/Baton.EndToEnd/FileLeaseEndToEndTests.cs).
/// </summary>
public static class PreToolUseOutput
{
    /// <summary>The output that denies the tool call.</summary>
    /// <param name="reason">Why, shown to the model.</param>
    /// <returns>One line of JSON.</returns>
    public static string Deny(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Write(w =>
        {
            w.WriteString("permissionDecision", "deny");
            w.WriteString("permissionDecisionReason", reason);
        });
    }

    /// <summary>The output that lets the tool call go ahead as it would have, adding <paramref name="text"/> to the model's context.</summary>
    /// <param name="text">The context.</param>
    /// <returns>One line of JSON.</returns>
    public static string Context(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Write(w => w.WriteString("additionalContext", text));
    }

    private static string Write(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("hookSpecificOutput");
            writer.WriteString("hookEventName", "PreToolUse");
            fields(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
