using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;
using static Baton.ClaudeCode.Tests.Settings.SettingsSamples;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class SettingsMergeTests
{
    [Fact]
    public void Install_leaves_its_input_untouched()
    {
        var settings = Parse(RealisticUserSettings);
        var before = settings.ToJsonString();

        var result = SettingsMerge.Install(settings, NativeBaton, null, BatonHooks.Default);

        result.Changed.ShouldBeTrue();
        settings.ToJsonString().ShouldBe(before);
        result.Settings.ShouldNotBeSameAs(settings);
    }

    [Fact]
    public void Install_appends_one_group_per_event_after_the_existing_ones()
    {
        var result = SettingsMerge.Install(Parse(RealisticUserSettings), NativeBaton, null, BatonHooks.Default).Settings;

        var preToolUse = result["hooks"]!["PreToolUse"]!.AsArray();
        preToolUse.Count.ShouldBe(3);
        preToolUse[0]!["matcher"]!.GetValue<string>().ShouldBe("Bash");
        var preToolUses = BatonHooks.Default.Where(r => r.EventName == "PreToolUse").ToList();
        JsonNode.DeepEquals(preToolUse[1], BatonHookEntry.CreateGroup(NativeBaton, null, preToolUses[0])).ShouldBeTrue();
        JsonNode.DeepEquals(preToolUse[2], BatonHookEntry.CreateGroup(NativeBaton, null, preToolUses[1])).ShouldBeTrue();
        result["hooks"]!.AsObject().Select(p => p.Key).ShouldBe(
        [
            "SessionStart", "PreToolUse", "Stop", "PreCompact",
            "UserPromptSubmit", "PermissionRequest", "Notification", "PostToolUse",
            "StopFailure", "SubagentStart", "SubagentStop", "TeammateIdle", "TaskCreated", "TaskCompleted", "SessionEnd",
        ]);
    }

    [Fact]
    public void Reinstalling_keeps_baton_where_it_stands_even_when_other_groups_follow()
    {
        var installed = SettingsMerge.Install(Parse("{}"), NativeBaton, null, BatonHooks.Default).Settings;
        installed["hooks"]!["Stop"]!.AsArray().Add(Parse("""{"hooks":[{"type":"command","command":"/bin/true"}]}"""));

        var again = SettingsMerge.Install(installed, NativeBaton, null, BatonHooks.Default);

        again.Changed.ShouldBeFalse();
    }

    [Fact]
    public void A_changed_option_updates_the_hook_in_place()
    {
        var installed = SettingsMerge.Install(Parse("{}"), NativeBaton, null, [new HookRegistration("Stop", true, null, 10)]).Settings;

        var result = SettingsMerge.Install(installed, NativeBaton, null, [new HookRegistration("Stop", false, null, 30)]);

        result.Changed.ShouldBeTrue();
        result.Settings.ToJsonString().ShouldBe(
            """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/opt/baton/bin/baton","args":["hook","Stop"],"timeout":30}]}]}}""");
    }

    [Fact]
    public void Two_registrations_of_one_event_told_apart_by_their_option_each_keep_their_own_hook()
    {
        HookRegistration[] both = [new("Stop", false, null, 10), new("Stop", false, null, 600) { Option = "--wake", AsyncRewake = true }];
        var installed = SettingsMerge.Install(Parse("{}"), NativeBaton, null, both).Settings;

        installed.ToJsonString().ShouldBe(
            """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/opt/baton/bin/baton","args":["hook","Stop"],"timeout":10}]},""" +
            """{"hooks":[{"type":"command","command":"/opt/baton/bin/baton","args":["hook","Stop","--wake"],"asyncRewake":true,"timeout":600}]}]}}""");
        SettingsMerge.Install(installed, NativeBaton, null, both).Changed.ShouldBeFalse();
        SettingsMerge.Install(installed, NativeBaton, null, [both[0]]).Settings["hooks"]!["Stop"]!.AsArray().Count.ShouldBe(1, "the wake hook goes when it is no longer registered");
        Should.Throw<ArgumentException>(() => SettingsMerge.Install(Parse("{}"), NativeBaton, null, [both[1], both[1]]));
    }

    [Fact]
    public void Events_no_longer_registered_are_removed()
    {
        var installed = SettingsMerge.Install(Parse("{}"), NativeBaton, null, BatonHooks.Default).Settings;

        var result = SettingsMerge.Install(installed, NativeBaton, null, [new HookRegistration("Stop", true, null, 10)]).Settings;

        result["hooks"]!.AsObject().Select(p => p.Key).ShouldBe(["Stop"]);
    }

    [Fact]
    public void Uninstall_keeps_other_hooks_sharing_a_group_with_baton()
    {
        var settings = Parse("""
            {"hooks": {"Stop": [{"hooks": [
                {"type": "command", "command": "/opt/baton/baton", "args": ["hook", "Stop"]},
                {"type": "command", "command": "/bin/mine"}
            ]}]}}
            """);

        var result = SettingsMerge.Uninstall(settings);

        result.Changed.ShouldBeTrue();
        result.Settings.ToJsonString().ShouldBe("""{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"/bin/mine"}]}]}}""");
    }

    [Fact]
    public void Uninstall_leaves_containers_that_were_already_empty()
    {
        var settings = Parse("""
            {"hooks": {
                "Stop": [{"hooks": []}, {"hooks": [{"type": "command", "command": "/opt/baton/baton", "args": ["hook", "Stop"]}]}],
                "SessionEnd": []
            }}
            """);

        var result = SettingsMerge.Uninstall(settings).Settings;

        result.ToJsonString().ShouldBe("""{"hooks":{"Stop":[{"hooks":[]}],"SessionEnd":[]}}""");
    }

    [Fact]
    public void Uninstall_without_baton_hooks_changes_nothing()
    {
        var settings = Parse(RealisticUserSettings);

        var result = SettingsMerge.Uninstall(settings);

        result.Changed.ShouldBeFalse();
        result.Settings.ToJsonString().ShouldBe(settings.ToJsonString());
    }

    [Fact]
    public void Hooks_that_are_not_an_object_cannot_be_merged_into()
    {
        Should.Throw<SettingsFormatException>(() => SettingsMerge.Install(Parse("""{"hooks": []}"""), NativeBaton, null, BatonHooks.Default))
            .Message.ShouldContain("\"hooks\"");
        Should.Throw<SettingsFormatException>(() => SettingsMerge.Install(Parse("""{"hooks": {"Stop": {}}}"""), NativeBaton, null, BatonHooks.Default))
            .Message.ShouldContain("hooks.Stop");
    }

    [Fact]
    public void The_same_event_option_and_matcher_cannot_be_registered_twice()
    {
        Should.Throw<ArgumentException>(() => SettingsMerge.Install(
            Parse("{}"), NativeBaton, null, [new HookRegistration("Stop", true, "*", 10), new HookRegistration("Stop", false, "*", 10)]));
        var twoMatchers = SettingsMerge.Install(
            Parse("{}"), NativeBaton, null, [new HookRegistration("PreToolUse", false, "Edit", 10), new HookRegistration("PreToolUse", false, "Bash", 10)]);
        twoMatchers.Settings["hooks"]!["PreToolUse"]!.AsArray().Count.ShouldBe(2);
    }
}
