using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Baton.Contracts.Coordination;
using Baton.Contracts.Messages;
using Baton.Contracts.Sessions;
using Baton.Contracts.Tasks;

namespace Baton.Contracts;

/// <summary>
/// Serialises Baton's wire shapes, the same for <c>baton --json</c> (indented, <see cref="Default"/>) and the MCP tools'
/// results (one line, <see cref="Compact"/>): snake_case names, nulls written, times ISO 8601 UTC with milliseconds
/// (<see cref="Core.Coordination.CoordinationJournalTypes.FormatTime"/>). These shapes are stable: fields may be added,
/// never renamed or removed (the approval tests of both adapters pin them).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SessionJson))]
[JsonSerializable(typeof(List<SessionJson>))]
[JsonSerializable(typeof(StateEntryJson))]
[JsonSerializable(typeof(List<StateEntryJson>))]
[JsonSerializable(typeof(StateDeletedJson))]
[JsonSerializable(typeof(List<ScopeJson>))]
[JsonSerializable(typeof(ScopeDeletedJson))]
[JsonSerializable(typeof(LockJson))]
[JsonSerializable(typeof(List<LockJson>))]
[JsonSerializable(typeof(LockAttemptJson))]
[JsonSerializable(typeof(QueueItemJson))]
[JsonSerializable(typeof(List<QueueItemJson>))]
[JsonSerializable(typeof(List<QueueSummaryJson>))]
[JsonSerializable(typeof(ProgressJson))]
[JsonSerializable(typeof(List<ProgressJson>))]
[JsonSerializable(typeof(EventJson))]
[JsonSerializable(typeof(List<EventJson>))]
[JsonSerializable(typeof(MessageJson))]
[JsonSerializable(typeof(List<MessageJson>))]
[JsonSerializable(typeof(TaskItemJson))]
[JsonSerializable(typeof(List<TaskItemJson>))]
[JsonSerializable(typeof(string))]
public sealed partial class ContractJson : JsonSerializerContext
{
    /// <summary>The same shapes on one line with text left as it is (no <c>\uXXXX</c> for non-ASCII): JSON Lines
    /// (<c>baton events --follow --json</c>) and the MCP tools' results.</summary>
    /// <remarks>Made on first use: the generated <c>Default</c> is not yet set while this class's static fields are.</remarks>
    public static JsonSerializerOptions Compact => LazyCompact.Value;

    private static readonly Lazy<JsonSerializerOptions> LazyCompact = new(() => new JsonSerializerOptions
    {
        TypeInfoResolver = Default,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The type information of <typeparamref name="T"/> under <see cref="Compact"/>.</summary>
    /// <typeparam name="T">A shape this context serialises.</typeparam>
    /// <returns>The type information.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of this context's shapes.</exception>
    public static JsonTypeInfo<T> CompactInfo<T>() => (JsonTypeInfo<T>)Compact.GetTypeInfo(typeof(T));
}
