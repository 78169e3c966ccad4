using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Core.Sessions;

namespace Baton.Cli.Rendering;

/// <summary>Serialises Baton's <c>--json</c> output: snake_case names, indented, nulls written (a stable shape).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<SessionJson>))]
[JsonSerializable(typeof(List<ConflictJson>))]
[JsonSerializable(typeof(List<Baton.Cli.Doctor.DoctorCheck>))]
[JsonSerializable(typeof(TaskJson))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Serialises sessions as a JSON array.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <returns>The JSON text.</returns>
    public static string Sessions(IEnumerable<Session> sessions) => Sessions(sessions.Select(Rendering.SessionJson.From));

    /// <summary>Serialises session shapes (with fields a command adds) as a JSON array.</summary>
    /// <param name="sessions">The shapes.</param>
    /// <returns>The JSON text.</returns>
    public static string Sessions(IEnumerable<SessionJson> sessions) => JsonSerializer.Serialize(sessions.ToList(), Default.ListSessionJson);
}
