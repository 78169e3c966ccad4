using System.Text.Json.Serialization;

namespace Baton.ClaudeCode.Tasks;

/// <summary>
/// The JSON of a native list as Baton shows it (<see cref="NativeTaskListJson"/>, <see cref="NativeTaskJson"/>): snake_case names, nulls written; the
/// shape <c>baton tasks ls LIST --json</c> prints as <c>native_list</c> and the MCP tools <c>task_list</c> and <c>task_get</c>
/// answer with.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NativeTaskListJson))]
[JsonSerializable(typeof(NativeTaskJson))]
public sealed partial class NativeTasksJson : JsonSerializerContext;
