using System.Text.Json.Serialization;

namespace Baton.Core.Relay;

/// <summary>Source-generated JSON metadata for the relay's wire types (no reflection, so Native AOT can use it).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RelayRequest))]
[JsonSerializable(typeof(RelayResponse))]
public sealed partial class RelayJsonContext : JsonSerializerContext;
