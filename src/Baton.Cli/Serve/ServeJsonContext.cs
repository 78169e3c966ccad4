using System.Text.Json.Serialization;

namespace Baton.Cli.Serve;

/// <summary>Source-generated JSON metadata for what <c>baton serve</c> writes.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ServerInfo))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;
