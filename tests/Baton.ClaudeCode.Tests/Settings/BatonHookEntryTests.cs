using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class BatonHookEntryTests
{
    [Fact]
    public void A_tool_event_group_has_a_matcher_and_one_async_command_hook()
    {
        var group = BatonHookEntry.CreateGroup(SettingsSamples.NativeBaton, null, new HookRegistration("PreToolUse", true, "*", 10));

        group.ToJsonString().ShouldBe(
            """{"matcher":"*","hooks":[{"type":"command","command":"/opt/baton/bin/baton","args":["hook","PreToolUse"],"async":true,"timeout":10}]}""");
    }

    [Fact]
    public void Other_event_groups_have_no_matcher_key()
    {
        var group = BatonHookEntry.CreateGroup(SettingsSamples.DotnetBaton, null, new HookRegistration("Stop", true, null, 10));

        group.ToJsonString().ShouldBe(
            """{"hooks":[{"type":"command","command":"/usr/share/dotnet/dotnet","args":["/opt/baton/lib/baton.dll","hook","Stop"],"async":true,"timeout":10}]}""");
    }

    [Theory]
    [InlineData("""{"type":"command","command":"/anywhere/else/baton","args":["hook","Stop"]}""", "Stop")]
    [InlineData("""{"type":"command","command":"/usr/bin/dotnet","args":["/x/baton.dll","hook","SessionEnd"],"async":true}""", "SessionEnd")]
    [InlineData("""{"type":"command","command":"/opt/host","args":["/y/Baton.dll","hook","Notification"]}""", "Notification")]
    public void Baton_hooks_are_recognised_wherever_baton_lives(string json, string eventName)
    {
        BatonHookEntry.TryRead(JsonNode.Parse(json), out var readEvent, out _, out _).ShouldBeTrue();
        readEvent.ShouldBe(eventName);
    }

    [Theory]
    [InlineData("""{"type":"command","command":"/usr/bin/baton-lint","args":["hook","Stop"]}""")]
    [InlineData("""{"type":"command","command":"/opt/other/tool","args":["hook","Stop"]}""")]
    [InlineData("""{"type":"command","command":"/opt/baton/baton","args":["hook"]}""")]
    [InlineData("""{"type":"command","command":"/opt/baton/baton","args":["hook","stop"]}""")]
    [InlineData("""{"type":"command","command":"/opt/baton/baton","args":["status"]}""")]
    [InlineData("""{"type":"command","command":"/opt/baton/baton hook Stop"}""")]
    [InlineData("""{"type":"http","url":"http://127.0.0.1/baton","command":"/opt/baton/baton","args":["hook","Stop"]}""")]
    [InlineData("""{"type":"command","command":"/usr/bin/dotnet","args":["/x/other.dll","hook","Stop"]}""")]
    [InlineData("""{"type":"command","command":"/opt/baton/baton","args":["hook",1]}""")]
    [InlineData("""["/opt/baton/baton","hook","Stop"]""")]
    public void Nothing_else_is_taken_for_a_baton_hook(string json)
    {
        BatonHookEntry.IsBatonHook(JsonNode.Parse(json)).ShouldBeFalse();
    }

    [Fact]
    public void Reading_a_dotnet_host_hook_gives_its_command_back()
    {
        var hook = BatonHookEntry.CreateHook(SettingsSamples.DotnetBaton, null, new HookRegistration("Stop", true, null, 10));

        BatonHookEntry.TryRead(hook, out _, out var command, out _).ShouldBeTrue();
        command.ShouldBe(SettingsSamples.DotnetBaton);
    }
}
