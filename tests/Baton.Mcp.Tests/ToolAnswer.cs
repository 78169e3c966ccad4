using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>What a tool call answered: its text and whether it is a tool error.</summary>
internal sealed record ToolAnswer(string Tool, bool IsError, string Text)
{
    /// <summary>The JSON of a successful answer (fails the test on a tool error).</summary>
    public JsonNode Json()
    {
        IsError.ShouldBeFalse($"{Tool} answered an error: {Text}");
        return JsonNode.Parse(Text) ?? throw new InvalidOperationException($"{Tool} answered JSON null.");
    }

    /// <summary>The text of an error answer (fails the test on success).</summary>
    public string Error()
    {
        IsError.ShouldBeTrue($"{Tool} was expected to fail but answered: {Text}");
        return Text;
    }
}
