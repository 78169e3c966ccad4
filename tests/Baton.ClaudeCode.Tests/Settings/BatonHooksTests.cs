using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class BatonHooksTests
{
    [Fact]
    public void Default_registrations_cover_the_session_lifecycle_and_block_only_where_claude_must_wait_for_the_answer()
    {
        BatonHooks.Default.Select(r => r.EventName + (r.Option is null ? "" : " " + r.Option)).ShouldBe(
        [
            "SessionStart", "SessionStart --wake", "UserPromptSubmit", "PreToolUse", "PermissionRequest", "Notification",
            "PostToolUse", "Stop", "Stop --wake", "StopFailure", "SubagentStart", "SubagentStop", "SessionEnd",
        ]);
        BatonHooks.Default.Where(r => r.Option is null).ShouldAllBe(r => r.TimeoutSeconds == 10 && !r.AsyncRewake);
        BatonHooks.Default.Where(r => !r.Async && !r.AsyncRewake).Select(r => r.EventName)
            .ShouldBe(["SessionStart", "UserPromptSubmit", "PreToolUse", "PostToolUse", "Stop", "SessionEnd"]);
    }

    [Fact]
    public void The_wake_hooks_are_async_rewake_stop_and_session_start_hooks_that_outlive_their_wait()
    {
        var wakes = BatonHooks.Default.Where(r => r.Option == BatonHooks.WakeOption).ToList();

        wakes.Select(w => w.EventName).ShouldBe(["SessionStart", "Stop"]);
        foreach (var wake in wakes)
        {
            wake.AsyncRewake.ShouldBeTrue();
            wake.Async.ShouldBeFalse("asyncRewake runs in the background by itself");
            wake.TimeoutSeconds.ShouldBeGreaterThan((int)BatonHooks.WakeLifetime.TotalSeconds);
            var hook = BatonHookEntry.CreateHook(SettingsSamples.NativeBaton, wake);
            hook["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["hook", wake.EventName, "--wake"]);
            hook["asyncRewake"]!.GetValue<bool>().ShouldBeTrue();
            hook.ContainsKey("async").ShouldBeFalse();
        }
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
        Should.Throw<ArgumentException>(() => new HookRegistration("Stop", true, null, 10) { Option = "wake" });
        Should.Throw<ArgumentException>(() => new HookRegistration("Stop", true, null, 10) { Option = "--Wake" });
    }
}
