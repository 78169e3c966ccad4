using System.Text.Json.Nodes;

namespace Baton.ClaudeCode.Settings;

/// <summary>The outcome of <see cref="SettingsMerge"/>: a new settings object and whether it differs from the input.</summary>
/// <param name="Settings">The resulting settings object; a copy, the input is never modified.</param>
/// <param name="Changed">Whether <paramref name="Settings"/> differs semantically from the input (<see cref="JsonNode.DeepEquals"/>).</param>
public sealed record SettingsMergeResult(JsonObject Settings, bool Changed);
