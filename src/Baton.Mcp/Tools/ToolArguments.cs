using System.Text.Json;
using Baton.Core;

namespace Baton.Mcp.Tools;

/// <summary>Turns tool arguments into what the coordinator takes, refusing what cannot be (as a <see cref="UserErrorException"/>).</summary>
internal static class ToolArguments
{
    private const double MaxSeconds = 1e9;

    /// <summary>A number of seconds as a duration; the coordinator checks the range.</summary>
    public static TimeSpan Seconds(double value, string name) =>
        double.IsFinite(value) && Math.Abs(value) <= MaxSeconds
            ? TimeSpan.FromSeconds(value)
            : throw new UserErrorException($"{name} must be a number of seconds, for example 60; {value} is not usable.");

    /// <summary>A JSON argument as text, exactly as sent.</summary>
    public static string Json(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Undefined
            ? throw new UserErrorException($"A {name} is required: any JSON value, for example {{\"a\": 1}}, \"text\" or 42.")
            : value.GetRawText();

    /// <summary>An optional JSON argument as text; null when absent or JSON null.</summary>
    public static string? OptionalJson(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v ? v.GetRawText() : null;

    /// <summary>An optional text argument: blank counts as absent.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
