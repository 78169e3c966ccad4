using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Contracts;
using Baton.Contracts.Sessions;

namespace Baton.Cli.Rendering;

/// <summary>Serialises the shapes only <c>baton --json</c> writes (conflicts, doctor, tasks lists, restore), with the options of
/// <see cref="Baton.Contracts.ContractJson"/>, which holds the shapes the CLI and the MCP tools share.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<ConflictJson>))]
[JsonSerializable(typeof(List<Baton.Cli.Doctor.DoctorCheck>))]
[JsonSerializable(typeof(TaskJson))]
[JsonSerializable(typeof(List<RestoreJson>))]
[JsonSerializable(typeof(List<Baton.Cli.Tasks.TaskListSummaryJson>))]
[JsonSerializable(typeof(Baton.Cli.Tasks.TaskListViewJson))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>How many bytes of JSON <see cref="WriteSessions"/> gathers before handing them to the output.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Writes session shapes (with fields a command adds) as one indented JSON array and a newline, as they are enumerated:
    /// each session is serialised on its own and the text goes out in chunks of about 64 KiB, so memory does not grow with
    /// the number of sessions.
    /// </summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="sessions">The shapes, enumerated once.</param>
    public static void WriteSessions(TextWriter output, IEnumerable<SessionJson> sessions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sessions);
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var session in sessions)
        {
            JsonSerializer.Serialize(writer, session, ContractJson.Default.SessionJson);
            if (writer.BytesPending + buffer.WrittenCount >= ChunkBytes)
            {
                writer.Flush();
                Drain(buffer, output);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        Drain(buffer, output);
        output.WriteLine();
    }

    /// <summary>Hands the UTF-8 gathered so far (whole sessions only, so no character is split) to the output.</summary>
    private static void Drain(ArrayBufferWriter<byte> buffer, TextWriter output)
    {
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(buffer.WrittenCount));
        try
        {
            var count = Encoding.UTF8.GetChars(buffer.WrittenSpan, chars);
            output.Write(chars, 0, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        buffer.ResetWrittenCount();
    }
}
