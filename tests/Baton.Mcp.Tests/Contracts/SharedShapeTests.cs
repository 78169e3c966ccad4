using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests.Contracts;

/// <summary>
/// One wire contract for both adapters: a lock, a queue item, a journal entry and a session reach an agent through the MCP
/// tools with every field <c>baton --json</c> is approved to print for them (the CLI's
/// <c>Contracts/approved-json-shapes.txt</c>), so the two cannot drift apart again.
/// </summary>
public sealed class SharedShapeTests : McpTestBase
{
    [Fact]
    public async Task The_tools_answer_with_every_field_baton_json_is_approved_to_print_for_the_same_thing()
    {
        var a = await ServerAsync(SessionA);
        await a.CallJsonAsync("sign_on", new { name = "api-worker" });
        await a.CallJsonAsync("acquire_lock", new { resource = "deploy", ttl_seconds = 60, reason = "releasing" });
        await a.CallJsonAsync("enqueue", new { queue = "tests", item = new { x = 1 } });

        var answers = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["lock ls"] = (await a.CallJsonAsync("list_locks"))["locks"],
            ["queue ls"] = (await a.CallJsonAsync("list_queue", new { queue = "tests" }))["items"],
            ["events"] = (await a.CallJsonAsync("events"))["events"],
            ["current"] = (await a.CallJsonAsync("list_sessions"))["sessions"],
        };

        var approved = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Contracts", "approved-json-shapes.txt"));
        foreach (var (command, answer) in answers)
        {
            var fields = approved
                .Where(line => line.StartsWith($"{command}: [].", StringComparison.Ordinal))
                .Select(line => line[$"{command}: [].".Length..])
                .Where(field => !field.Contains('.', StringComparison.Ordinal) && !field.Contains('[', StringComparison.Ordinal))
                .ToList();
            fields.ShouldNotBeEmpty($"the CLI's approved shapes list '{command}'");
            var first = answer!.AsArray()[0]!.AsObject();
            fields.Where(field => !first.ContainsKey(field)).ShouldBeEmpty($"the MCP answer for what '{command}' prints lacks these fields");
        }
    }
}
