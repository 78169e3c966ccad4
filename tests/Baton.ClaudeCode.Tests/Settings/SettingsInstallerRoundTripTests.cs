using Baton.Testing;
using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;
using static Baton.ClaudeCode.Tests.Settings.SettingsSamples;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class SettingsInstallerRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = TempDirectory.Create("baton-settings-");
    private readonly FixedClock _clock = new(new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));
    private readonly SettingsInstaller _installer;
    private readonly string _settingsPath;

    public SettingsInstallerRoundTripTests()
    {
        _installer = new SettingsInstaller(_temp.Combine("baton-home"), _clock);
        _settingsPath = SettingsLocation.User(_temp.Combine("home")).FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(_settingsPath)!);
        File.WriteAllText(_settingsPath, RealisticUserSettings);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void First_install_adds_every_baton_event_once_and_keeps_everything_else()
    {
        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        result.Changed.ShouldBeTrue();
        result.Json.ShouldBe(File.ReadAllText(_settingsPath));
        var original = Parse(RealisticUserSettings);
        var installed = Parse(result.Json);
        foreach (var registration in BatonHooks.Default)
        {
            BatonHooksFor(installed, registration).Count.ShouldBe(1, registration.EventName);
        }

        foreach (var (key, value) in original)
        {
            if (key != "hooks")
            {
                JsonNode.DeepEquals(value, installed[key]).ShouldBeTrue(key);
            }
        }

        foreach (var (eventName, groups) in original["hooks"]!.AsObject())
        {
            var kept = installed["hooks"]![eventName]!.AsArray();
            for (var i = 0; i < groups!.AsArray().Count; i++)
            {
                JsonNode.DeepEquals(groups[i], kept[i]).ShouldBeTrue($"{eventName}[{i}]");
            }
        }

        installed.Select(p => p.Key).ShouldBe(original.Select(p => p.Key));
    }

    [Fact]
    public void Second_install_changes_nothing()
    {
        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);
        var bytes = File.ReadAllBytes(_settingsPath);
        var backups = Directory.GetFiles(_temp.Combine("baton-home", "backups"));
        _clock.Now = _clock.Now.AddMinutes(1);

        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        result.Changed.ShouldBeFalse();
        result.BackupPath.ShouldBeNull();
        File.ReadAllBytes(_settingsPath).ShouldBe(bytes);
        Directory.GetFiles(_temp.Combine("baton-home", "backups")).ShouldBe(backups);
    }

    [Fact]
    public void Install_install_uninstall_gives_back_the_original_in_its_original_order()
    {
        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);
        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        var result = _installer.Uninstall(_settingsPath, dryRun: false);

        result.Changed.ShouldBeTrue();
        var original = Parse(RealisticUserSettings);
        var after = Parse(File.ReadAllText(_settingsPath));
        JsonNode.DeepEquals(original, after).ShouldBeTrue();
        KeyPaths(after).ShouldBe(KeyPaths(original));
        after.ToJsonString().ShouldBe(original.ToJsonString());
    }

    [Fact]
    public void Install_then_uninstall_on_a_file_without_hooks_gives_back_the_original()
    {
        const string Original = """{"model": "sonnet", "env": {"A": "1"}}""";
        File.WriteAllText(_settingsPath, Original);

        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);
        _installer.Uninstall(_settingsPath, dryRun: false);

        File.ReadAllText(_settingsPath).ShouldBe("{\n  \"model\": \"sonnet\",\n  \"env\": {\n    \"A\": \"1\"\n  }\n}\n");
    }

    [Fact]
    public void A_moved_baton_replaces_the_old_entries()
    {
        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        var result = _installer.Install(_settingsPath, MovedBaton, null, BatonHooks.Default, dryRun: false);

        result.Changed.ShouldBeTrue();
        var installed = Parse(result.Json);
        foreach (var registration in BatonHooks.Default)
        {
            BatonHooksFor(installed, registration).ShouldHaveSingleItem()["command"]!.GetValue<string>()
                .ShouldBe(MovedBaton.Executable);
        }

        _installer.Status(_settingsPath).Commands.ShouldBe([MovedBaton]);
    }

    [Fact]
    public void Switching_between_the_dotnet_host_and_a_native_baton_replaces_the_entries()
    {
        _installer.Install(_settingsPath, DotnetBaton, null, BatonHooks.Default, dryRun: false);
        _installer.Status(_settingsPath).Commands.ShouldBe([DotnetBaton]);

        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        var installed = Parse(File.ReadAllText(_settingsPath));
        BatonHooks.Default.ShouldAllBe(r => BatonHooksFor(installed, r).Count == 1);
        _installer.Status(_settingsPath).Commands.ShouldBe([NativeBaton]);
    }

    [Fact]
    public void The_dotnet_host_form_is_recognised_for_reinstall_and_uninstall()
    {
        _installer.Install(_settingsPath, DotnetBaton, null, BatonHooks.Default, dryRun: false);

        _installer.Install(_settingsPath, DotnetBaton, null, BatonHooks.Default, dryRun: false).Changed.ShouldBeFalse();
        _installer.Uninstall(_settingsPath, dryRun: false).Changed.ShouldBeTrue();
        JsonNode.DeepEquals(Parse(File.ReadAllText(_settingsPath)), Parse(RealisticUserSettings)).ShouldBeTrue();
    }

    [Fact]
    public void Status_tells_which_events_are_hooked_and_what_they_call()
    {
        _installer.Status(_settingsPath).Installed.ShouldBeFalse();

        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);
        var status = _installer.Status(_settingsPath);

        status.FileExists.ShouldBeTrue();
        status.Installed.ShouldBeTrue();
        status.Events.ShouldBe(
        [
            "SessionStart", "PreToolUse", "Stop",
            "UserPromptSubmit", "PermissionRequest", "Notification", "PostToolUse",
            "StopFailure", "SubagentStart", "SubagentStop", "TeammateIdle", "TaskCreated", "TaskCompleted", "SessionEnd",
        ]);
        status.Calls(NativeBaton).ShouldBeTrue();
        status.Calls(MovedBaton).ShouldBeFalse();
    }

    [Fact]
    public void Comments_are_refused_naming_their_line_and_nothing_is_written()
    {
        const string commented = """
            {
              "model": "opus",
              // my model
              "permissions": {"allow": ["Bash(ls)"]}
            }
            """;
        File.WriteAllText(_settingsPath, commented);

        var install = Should.Throw<SettingsFormatException>(() => _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false));
        var uninstall = Should.Throw<SettingsFormatException>(() => _installer.Uninstall(_settingsPath, dryRun: false));

        install.Message.ShouldContain("has a comment on line 3");
        uninstall.Message.ShouldContain("has a comment on line 3");
        File.ReadAllText(_settingsPath).ShouldBe(commented);
    }

    [Fact]
    public void Trailing_commas_are_accepted()
    {
        File.WriteAllText(_settingsPath, """
            {
              "model": "opus",
              "permissions": {"allow": ["Bash(ls)",],},
            }
            """);

        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false).Changed.ShouldBeTrue();
        _installer.Uninstall(_settingsPath, dryRun: false);

        File.ReadAllText(_settingsPath).ShouldBe("{\n  \"model\": \"opus\",\n  \"permissions\": {\n    \"allow\": [\n      \"Bash(ls)\"\n    ]\n  }\n}\n");
    }

    [Fact]
    public void Uninstall_removes_a_file_install_created_and_keeps_one_that_existed_or_gained_settings()
    {
        var created = _temp.Combine("fresh", ".claude", "settings.json");
        var gained = _temp.Combine("gained", ".claude", "settings.json");
        var existing = _temp.Combine("existing", ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "{}\n");

        foreach (var path in new[] { created, gained, existing })
        {
            _installer.Install(path, NativeBaton, null, BatonHooks.Default, dryRun: false).Changed.ShouldBeTrue();
        }

        var settings = Parse(File.ReadAllText(gained));
        settings["model"] = "opus";
        File.WriteAllText(gained, settings.ToJsonString());
        var dryRun = _installer.Uninstall(created, dryRun: true);
        var removed = _installer.Uninstall(created, dryRun: false);
        _installer.Uninstall(gained, dryRun: false);
        _installer.Uninstall(existing, dryRun: false);

        dryRun.Deleted.ShouldBeTrue();
        removed.Deleted.ShouldBeTrue();
        removed.BackupPath.ShouldNotBeNull();
        File.Exists(created).ShouldBeFalse();
        File.ReadAllText(gained).ShouldBe("{\n  \"model\": \"opus\"\n}\n");
        File.ReadAllText(existing).ShouldBe("{}\n");
    }
}
