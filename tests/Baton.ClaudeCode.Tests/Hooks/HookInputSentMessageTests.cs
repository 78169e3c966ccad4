using System.Text;
using Baton.ClaudeCode.Hooks;

namespace Baton.ClaudeCode.Tests.Hooks;

public sealed class HookInputSentMessageTests
{
    private const string Session = "5f3c2a10-0000-4000-8000-000000000001";

    [Fact]
    public void A_delivered_send_message_names_its_recipient_and_text()
    {
        var input = Parse("""{"tool_name": "SendMessage", "tool_input": {"to": "uds:/tmp/cc-socks/7.sock", "summary": "s", "message": "hello"}, "tool_response": {"success": true}}""");

        input.SentMessage.ShouldBe(("uds:/tmp/cc-socks/7.sock", "hello"));
    }

    [Theory]
    [InlineData("""{"tool_name": "SendMessage", "tool_input": {"to": "bob", "message": "hi"}, "tool_response": {"success": false, "message": "No agent named 'bob' is currently addressable."}}""")]
    [InlineData("""{"tool_name": "SendMessage", "tool_input": {"to": "bob", "message": {"type": "shutdown_request"}}}""")]
    [InlineData("""{"tool_name": "SendMessage", "tool_input": {"message": "hi"}}""")]
    [InlineData("""{"tool_name": "Bash", "tool_input": {"to": "bob", "message": "hi"}}""")]
    public void An_undelivered_structured_or_other_call_is_no_sent_message(string fields) => Parse(fields).SentMessage.ShouldBeNull();

    private static HookInput Parse(string fields) =>
        HookInput.Parse(Encoding.UTF8.GetBytes($$"""{"session_id": "{{Session}}", "hook_event_name": "PostToolUse", {{fields[1..]}}"""));
}
