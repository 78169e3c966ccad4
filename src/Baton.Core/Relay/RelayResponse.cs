using System.Text.Json.Serialization;

namespace Baton.Core.Relay;

/// <summary>
/// The resident server's answer to one <see cref="RelayRequest"/>: what <c>baton-relay</c> prints and the code it exits with,
/// as the hook process would have. One JSON line, snake_case: <c>{"exit_code": 0, "stdout": "{\"hookSpecificOutput\":…}", "stderr": null}</c>.
/// </summary>
public sealed record RelayResponse
{
    /// <summary>The hook's exit code: 0, or 2 for a wake hook that wakes its session.</summary>
    [JsonPropertyName("exit_code")]
    public int ExitCode { get; init; }

    /// <summary>One line for stdout (hook output JSON), without its line break; null for none.</summary>
    [JsonPropertyName("stdout")]
    public string? Stdout { get; init; }

    /// <summary>Text for stderr (what a waking hook hands the model), without a final line break; null for none.</summary>
    [JsonPropertyName("stderr")]
    public string? Stderr { get; init; }
}
