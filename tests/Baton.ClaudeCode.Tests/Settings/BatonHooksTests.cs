using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class BatonHooksTests
{
    [Fact]
    public void Default_registrations_cover_the_session_lifecycle_and_block_only_where_claude_must_wait_for_the_answer()
    {
        BatonHooks.Default.Select(r => r.EventName + (r.Option is null ? "" : " " + r.Option)).ShouldBe(
        [
            "SessionStart", "SessionStart --wake", "UserPromptSubmit", "PreToolUse", "PreToolUse", "PermissionRequest", "Notification",
            "PostToolUse", "Stop", "Stop --wake", "StopFailure", "StopFailure --wake", "SubagentStart", "SubagentStop", "TeammateIdle", "TaskCreated", "TaskCompleted", "SessionEnd",
        ]);
        BatonHooks.Default.Where(r => r.Option is null).ShouldAllBe(r => r.TimeoutSeconds == 10 && !r.AsyncRewake);
        BatonHooks.Default.Where(r => !r.Async && !r.AsyncRewake).Select(r => r.EventName)
            .ShouldBe(["SessionStart", "UserPromptSubmit", "PreToolUse", "PreToolUse", "PostToolUse", "Stop", "SessionEnd"]);
    }

    [Fact]
    public void The_events_of_every_tool_call_and_turn_are_http_hooks_and_the_rest_stay_commands()
    {
        BatonHooks.Default.Where(r => r.Http).Select(r => $"{r.EventName} {r.Matcher}").ShouldBe(
            ["UserPromptSubmit ", $"PreToolUse {BatonHooks.OtherTools}", "PostToolUse *", "Stop "]);
        BatonHooks.Default.Single(r => r.EventName == "PreToolUse" && !r.Http).Matcher.ShouldBe("Edit|MultiEdit|NotebookEdit|Write");
    }

    [Theory]
    [InlineData("Bash", true)]
    [InlineData("Read", true)]
    [InlineData("mcp__baton__claim", true)]
    [InlineData("EditNotebook", true)]
    [InlineData("Edit", false)]
    [InlineData("Write", false)]
    [InlineData("MultiEdit", false)]
    [InlineData("NotebookEdit", false)]
    public void The_other_tools_matcher_matches_every_tool_but_those_that_name_the_file_they_write(string tool, bool matches)
    {
        // Claude Code evaluates such a matcher as an unanchored JavaScript regular expression; .NET's engine agrees on this one.
        System.Text.RegularExpressions.Regex.IsMatch(tool, BatonHooks.OtherTools).ShouldBe(matches);
        System.Text.RegularExpressions.Regex.IsMatch(tool, $"^(?:{BatonHooks.FileTools})$").ShouldBe(!matches);
    }

    [Fact]
    public void The_wake_hooks_are_async_rewake_session_start_stop_and_stop_failure_hooks_that_outlive_their_wait()
    {
        var wakes = BatonHooks.Default.Where(r => r.Option == BatonHooks.WakeOption).ToList();

        wakes.Select(w => w.EventName).ShouldBe(["SessionStart", "Stop", "StopFailure"]);
        foreach (var wake in wakes)
        {
            wake.AsyncRewake.ShouldBeTrue();
            wake.Async.ShouldBeFalse("asyncRewake runs in the background by itself");
            wake.TimeoutSeconds.ShouldBeGreaterThan((int)BatonHooks.WakeLifetime.TotalSeconds);
            var hook = BatonHookEntry.CreateHook(SettingsSamples.NativeBaton, null, wake);
            hook["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["hook", wake.EventName, "--wake"]);
            hook["asyncRewake"]!.GetValue<bool>().ShouldBeTrue();
            hook.ContainsKey("async").ShouldBeFalse();
        }
    }

    [Fact]
    public void The_socket_route_has_every_registration_of_the_hooks_route_but_the_wake_hooks_in_the_same_order_with_a_background_SessionEnd()
    {
        BatonHooks.For(WakeRoute.Hooks).ShouldBe(BatonHooks.Default);
        BatonHooks.For(WakeRoute.Socket).Select(r => r with { Async = false })
            .ShouldBe(BatonHooks.Default.Where(r => r.Option != BatonHooks.WakeOption).Select(r => r with { Async = false }));
        BatonHooks.For(WakeRoute.Socket).Where(r => r.Async).Select(r => r.EventName)
            .ShouldBe(BatonHooks.Default.Where(r => r.Async).Select(r => r.EventName).Append("SessionEnd"));
        BatonHooks.Default.Single(r => r.EventName == "SessionEnd").Async.ShouldBeFalse("an older claude never starts a background SessionEnd in print mode");
        BatonHooks.For(WakeRoute.Socket).ShouldNotContain(r => r.AsyncRewake);
        BatonHooks.For(WakeRoute.Socket).Select(r => r.EventName).Distinct().ShouldBe(BatonHooks.Default.Select(r => r.EventName).Distinct());
    }

    [Fact]
    public void Only_tool_events_get_a_matcher()
    {
        BatonHooks.Default.Where(r => r.Matcher is not null).Select(r => r.EventName)
            .ShouldBe(["PreToolUse", "PreToolUse", "PermissionRequest", "PostToolUse"]);
        BatonHooks.Default.Where(r => r.Matcher is not null && r.EventName != "PreToolUse").ShouldAllBe(r => r.Matcher == "*");
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
