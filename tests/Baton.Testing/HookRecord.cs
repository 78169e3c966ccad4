using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// One run of the <see cref="HookRecorder"/> script: when it started (its clock, and the kernel's start time in clock
/// ticks, which orders runs by when claude spawned them even when a loaded machine delays the script), its pid and parent pid,
/// the arguments it got, <c>CLAUDE_CODE_SESSION_ID</c> from its environment and its stdin JSON.
/// </summary>
public sealed record HookRecord(
    DateTimeOffset Started, long SpawnTicks, int Pid, int ParentPid, string EventArgument, string Label, string EnvironmentSessionId, string RawInput)
{
    /// <summary>The parsed stdin (null when it was empty or not JSON).</summary>
    public JsonNode? Input { get; } = TryParse(RawInput);

    /// <summary><c>hook_event_name</c> from the input.</summary>
    public string? EventName => Input?["hook_event_name"]?.GetValue<string>();

    /// <summary><c>session_id</c> from the input.</summary>
    public string? SessionId => Input?["session_id"]?.GetValue<string>();

    /// <summary>Reads a string field of the input, or null.</summary>
    public string? Field(string name) => Input?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Started:HH:mm:ss.fff} {EventArgument}[{Label}] pid={Pid} ppid={ParentPid} session={EnvironmentSessionId} input={(RawInput.Length > 160 ? RawInput[..160] + "…" : RawInput)}";

    private static JsonNode? TryParse(string raw)
    {
        try
        {
            return raw.Length == 0 ? null : JsonNode.Parse(raw);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
