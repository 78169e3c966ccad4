using System.Text.Json;

namespace Baton.Mcp.Tests;

/// <summary>The tool surface keeps the session coordinator pattern's vocabulary, and every tool and parameter teaches.</summary>
public sealed class ToolListTests : McpTestBase
{
    private static readonly string[] ToolNames =
    [
        "sign_on", "sign_off", "whoami", "list_sessions", "store_data", "retrieve_data", "delete_data", "list_scopes", "delete_scope",
        "acquire_lock", "renew_lock", "release_lock", "list_locks", "enqueue", "claim_next", "complete", "release", "list_queue",
        "set_progress", "get_progress", "handoff", "take_handoff", "heartbeat", "log_event", "events",
        "send_message", "broadcast", "inbox", "reply", "thread",
        "task_create", "task_list", "task_get", "task_ready", "task_claim", "task_update", "task_release", "task_join",
    ];

    [Fact]
    public async Task The_server_lists_exactly_the_patterns_tools_with_snake_case_parameters_that_are_all_described()
    {
        var server = await ServerAsync(SessionA);

        var tools = await server.Client.ListToolsAsync();

        tools.Select(t => t.Name).Order().ShouldBe(ToolNames.Order());
        foreach (var tool in tools)
        {
            tool.Description.ShouldNotBeNullOrWhiteSpace(tool.Name);
            var schema = tool.JsonSchema;
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                property.Name.ShouldMatch("^[a-z_]+$", $"{tool.Name}.{property.Name}");
                property.Value.TryGetProperty("description", out var description).ShouldBeTrue($"{tool.Name}.{property.Name} has a description");
                description.GetString().ShouldNotBeNullOrWhiteSpace();
            }
        }

        Parameters(tools.Single(t => t.Name == "store_data").JsonSchema).ShouldBe(["scope", "key", "value", "expected_version"]);
        Required(tools.Single(t => t.Name == "store_data").JsonSchema).ShouldBe(["scope", "key", "value"], ignoreOrder: true);
        Parameters(tools.Single(t => t.Name == "acquire_lock").JsonSchema).ShouldBe(["resource", "ttl_seconds", "wait_seconds", "reason", "force"]);
        Parameters(tools.Single(t => t.Name == "events").JsonSchema).ShouldBe(["since", "type", "session", "limit"]);
        Parameters(tools.Single(t => t.Name == "handoff").JsonSchema).ShouldBe(["subject", "next_steps", "context", "to"]);
        Parameters(tools.Single(t => t.Name == "complete").JsonSchema).ShouldBe(["queue", "item_id", "result"]);
    }

    private static string[] Parameters(JsonElement schema) => [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];
}
