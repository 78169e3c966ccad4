using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Mcp.Tests.Contracts;

/// <summary>
/// The MCP <c>tools/list</c> is a contract like the CLI's <c>--json</c>: every tool and every parameter (with its schema's
/// keys) in <c>Contracts/approved-mcp-tools.txt</c> must still be listed (see <see cref="JsonShape"/>); new ones may be added.
/// </summary>
public sealed class ToolSchemaApprovalTests : McpTestBase
{
    [Fact]
    public async Task Every_approved_tool_and_parameter_is_still_listed()
    {
        var server = await ServerAsync(SessionA);

        var tools = await server.Client.ListToolsAsync();

        var shapes = tools.ToDictionary(t => t.Name, t => JsonShape.Paths(JsonNode.Parse(t.JsonSchema.GetRawText())), StringComparer.Ordinal);
        var approved = Path.Combine(AppContext.BaseDirectory, "Contracts", "approved-mcp-tools.txt");
        JsonShape.Missing(approved, shapes).ShouldBeEmpty($"tools or parameters were renamed or removed; what is listed now is in {Path.ChangeExtension(approved, ".received.txt")}");
    }
}
