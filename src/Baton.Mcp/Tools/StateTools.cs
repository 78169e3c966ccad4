using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Mcp.Hosting;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Tools;

/// <summary>Shared state in scopes: <c>store_data</c>, <c>retrieve_data</c>, <c>delete_data</c>, <c>list_scopes</c>, <c>delete_scope</c>.</summary>
[McpServerToolType]
internal sealed class StateTools
{
    private const string NameRule = "1-200 ASCII letters, digits and ':_-./@'";

    private readonly McpRuntime _runtime;

    public StateTools(McpRuntime runtime) => _runtime = runtime;

    [McpServerTool(Name = "store_data", OpenWorld = false)]
    [Description("Write a key of shared state that every session can read: any JSON value (at most 256 KiB) under a scope and key, " +
        "for example scope 'issue:42', key 'plan'. Each write gets the next version number and records you as its writer. " +
        "For a safe read-modify-write pass expected_version: the version you read (retrieve_data), or 0 to create a key that must " +
        "not exist yet; if someone wrote in between the write is refused with the current version and writer; read again and retry. " +
        "Returns the scope, key, new version, writer and time.")]
    public string StoreData(
        [Description($"The scope, for example 'issue:42', 'team' or 'session:<id>': {NameRule}.")] string scope,
        [Description($"The key inside the scope, for example 'plan' or 'owner': {NameRule}.")] string key,
        [Description("The value: any JSON (object, array, string, number, true/false, null), at most 256 KiB.")] JsonElement value,
        [Description("Compare-and-set: the version you read (1 or more), or 0 for 'must not exist yet'. Leave out to write unconditionally.")] long? expected_version = null) =>
        _runtime.Run("store_data", call =>
        {
            var entry = call.Coordinator.StoreData(scope, key, ToolArguments.Json(value, "value"), expected_version, call.Actor);
            return McpJson.Text(McpJson.State(entry, withValue: false));
        });

    [McpServerTool(Name = "retrieve_data", ReadOnly = true, OpenWorld = false)]
    [Description("Read shared state. With a key: its value, version, writer and when it was written ('exists': false when the key " +
        "is not there). Without a key: every key of the scope with its value (an error when the scope holds none; see list_scopes).")]
    public string RetrieveData(
        [Description($"The scope: {NameRule}.")] string scope,
        [Description("The key; leave out to read the whole scope.")] string? key = null) =>
        _runtime.Run("retrieve_data", call =>
        {
            if (ToolArguments.Optional(key) is not { } one)
            {
                var entries = call.Coordinator.RetrieveScope(scope);
                return McpJson.Text(new JsonObject
                {
                    ["scope"] = scope,
                    ["keys"] = entries.Count,
                    ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)McpJson.State(e))]),
                });
            }

            if (call.Coordinator.RetrieveData(scope, one) is not { } entry)
            {
                return McpJson.Text(new JsonObject { ["scope"] = scope, ["key"] = one, ["exists"] = false, ["version"] = 0 });
            }

            var json = McpJson.State(entry);
            json["exists"] = true;
            return McpJson.Text(json);
        });

    [McpServerTool(Name = "delete_data", OpenWorld = false, Destructive = true, Idempotent = true)]
    [Description("Delete one key of shared state. Returns whether it existed ('deleted': false when it was not there).")]
    public string DeleteData(
        [Description($"The scope: {NameRule}.")] string scope,
        [Description($"The key: {NameRule}.")] string key) =>
        _runtime.Run("delete_data", call => McpJson.Text(new JsonObject
        {
            ["scope"] = scope,
            ["key"] = key,
            ["deleted"] = call.Coordinator.DeleteData(scope, key, call.Actor),
        }));

    [McpServerTool(Name = "list_scopes", ReadOnly = true, OpenWorld = false)]
    [Description("List the scopes that hold keys, with how many keys and when one was last written. " +
        "Filter with a glob: '*' matches any run of characters, '?' one character, for example 'issue:*'.")]
    public string ListScopes(
        [Description("A glob over scope names, for example 'issue:*'; leave out for all.")] string? pattern = null) =>
        _runtime.Run("list_scopes", call =>
        {
            var scopes = call.Coordinator.ListScopes(ToolArguments.Optional(pattern));
            return McpJson.Text(new JsonObject
            {
                ["count"] = scopes.Count,
                ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)McpJson.Scope(s))]),
            });
        });

    [McpServerTool(Name = "delete_scope", OpenWorld = false, Destructive = true)]
    [Description("Delete every key of a scope at once (an error when the scope holds none). Returns how many keys were deleted.")]
    public string DeleteScope(
        [Description($"The scope: {NameRule}.")] string scope) =>
        _runtime.Run("delete_scope", call => McpJson.Text(new JsonObject
        {
            ["scope"] = scope,
            ["deleted_keys"] = call.Coordinator.DeleteScope(scope, call.Actor),
        }));
}
