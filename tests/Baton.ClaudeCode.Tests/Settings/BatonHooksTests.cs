using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class BatonHooksTests
{
    [Fact]
    public void Default_registrations_cover_the_session_lifecycle_and_only_the_lease_check_and_the_last_events_of_a_turn_block()
    {
        BatonHooks.Default.Select(r => r.EventName).ShouldBe(
        [
            "SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest", "Notification",
            "PostToolUse", "Stop", "StopFailure", "SubagentStart", "SubagentStop", "SessionEnd",
        ]);
        BatonHooks.Default.ShouldAllBe(r => r.TimeoutSeconds == 10);
        BatonHooks.Default.Where(r => !r.Async).Select(r => r.EventName).ShouldBe(["PreToolUse", "Stop", "SessionEnd"]);
    }

    [Fact]
    public void Only_tool_events_get_a_matcher()
    {
        BatonHooks.Default.Where(r => r.Matcher is not null).Select(r => r.EventName)
            .ShouldBe(["PreToolUse", "PermissionRequest", "PostToolUse"]);
        BatonHooks.Default.Where(r => r.Matcher is not null).ShouldAllBe(r => r.Matcher == "*");
    }

    [Fact]
    public void A_registration_needs_an_event_name_and_a_positive_timeout()
    {
        Should.Throw<ArgumentException>(() => new HookRegistration("pre tool use", true, null, 10));
        Should.Throw<ArgumentOutOfRangeException>(() => new HookRegistration("Stop", true, null, 0));
    }
}
