using System.Text;
using System.Text.Json.Nodes;
using Baton.ClaudeCode.Hooks;
using Baton.Core.Coordination.FileLeases;

namespace Baton.Cli.Tests.Hooks;

/// <summary>The PreToolUse side of the Claude Code integration: what a tool call writes, and the JSON the hook prints.</summary>
public sealed class PreToolUseInputOutputTests
{
    [Theory]
    [InlineData("Edit", """{"file_path": "/repo/src/app.cs", "old_string": "a", "new_string": "b"}""", "/repo/src/app.cs")]
    [InlineData("MultiEdit", """{"file_path": "src/app.cs", "edits": []}""", "src/app.cs")]
    [InlineData("Write", """{"file_path": "/repo/new.cs", "content": "x"}""", "/repo/new.cs")]
    [InlineData("NotebookEdit", """{"notebook_path": "/repo/a.ipynb", "new_source": "x"}""", "/repo/a.ipynb")]
    [InlineData("Bash", """{"command": "echo x > out.txt", "description": "write"}""", "out.txt")]
    public void A_writing_tool_names_its_target(string tool, string toolInput, string expected) =>
        ToolWrites.Of(Input(tool, toolInput)).ShouldBe([new WriteTarget(expected)]);

    [Theory]
    [InlineData("Read", """{"file_path": "/repo/src/app.cs"}""")]
    [InlineData("Grep", """{"pattern": "x"}""")]
    [InlineData("Edit", """{"old_string": "a"}""")]
    [InlineData("Bash", """{"command": "ls -la"}""")]
    [InlineData("Edit", null)]
    public void Other_tools_and_incomplete_inputs_write_nothing_that_can_be_told(string tool, string? toolInput) =>
        ToolWrites.Of(Input(tool, toolInput)).ShouldBeEmpty();

    [Fact]
    public void Deny_and_context_print_the_documented_shape_on_one_line()
    {
        var deny = HookOutput.Deny("alice holds \"src/app.cs\"\nsecond line");
        var context = HookOutput.Context("PreToolUse", "a warning");

        deny.ShouldNotContain('\n');
        JsonNode.DeepEquals(JsonNode.Parse(deny), JsonNode.Parse("""
            {"hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": "alice holds \"src/app.cs\"\nsecond line"}}
            """)).ShouldBeTrue(deny);
        JsonNode.DeepEquals(JsonNode.Parse(context), JsonNode.Parse("""
            {"hookSpecificOutput": {"hookEventName": "PreToolUse", "additionalContext": "a warning"}}
            """)).ShouldBeTrue(context);
    }

    private static HookInput Input(string tool, string? toolInput)
    {
        var json = $$"""{"session_id": "s1", "hook_event_name": "PreToolUse", "cwd": "/repo", "tool_name": "{{tool}}"{{(toolInput is null ? "" : ", \"tool_input\": " + toolInput)}}}""";
        return HookInput.Parse(Encoding.UTF8.GetBytes(json));
    }
}
