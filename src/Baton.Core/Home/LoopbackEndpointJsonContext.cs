using System.Text.Json.Serialization;

namespace Baton.Core.Home;

/// <summary>Source-generated JSON for <see cref="LoopbackEndpoint"/>.</summary>
[JsonSerializable(typeof(LoopbackEndpoint))]
internal sealed partial class LoopbackEndpointJsonContext : JsonSerializerContext;
