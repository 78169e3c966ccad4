using Baton.Testing;
using System.Runtime.Versioning;
using Baton.ClaudeCode.Settings;
using static Baton.ClaudeCode.Tests.Settings.SettingsSamples;

namespace Baton.ClaudeCode.Tests.Settings;

[UnsupportedOSPlatform("windows")]
public sealed class SettingsInstallerFileTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0640 = Mode0600 | UnixFileMode.GroupRead;

    private readonly TempDirectory _temp = TempDirectory.Create("baton-settings-");
    private readonly SettingsInstaller _installer;
    private readonly string _backups;
    private readonly string _settingsPath;

    public SettingsInstallerFileTests()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero));
        _installer = new SettingsInstaller(_temp.Combine("baton-home"), clock);
        _backups = _temp.Combine("baton-home", "backups");
        _settingsPath = SettingsLocation.Local(_temp.Combine("project")).FilePath;
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Dry_run_writes_nothing_and_returns_the_resulting_text()
    {
        WriteSettings("""{"model": "opus"}""");

        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: true);

        result.Changed.ShouldBeTrue();
        result.BackupPath.ShouldBeNull();
        File.ReadAllText(_settingsPath).ShouldBe("""{"model": "opus"}""");
        Directory.Exists(_backups).ShouldBeFalse();
        BatonHooksOn(Parse(result.Json), "Stop").Count.ShouldBe(1);
        result.Json.ShouldStartWith("{\n  \"model\": \"opus\",\n  \"hooks\": {\n");
        result.Json.ShouldEndWith("}\n");
    }

    [Fact]
    public void Dry_run_on_a_missing_file_creates_nothing()
    {
        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: true);

        result.Changed.ShouldBeTrue();
        Directory.Exists(_temp.Combine("project", ".claude")).ShouldBeFalse();
        _installer.Uninstall(_settingsPath, dryRun: true).Changed.ShouldBeFalse();
    }

    [Fact]
    public void The_old_content_is_backed_up_privately_before_the_change_and_the_mode_is_kept()
    {
        const string Original = """{"model": "opus"}""";
        WriteSettings(Original);
        File.SetUnixFileMode(_settingsPath, Mode0640);

        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        result.BackupPath.ShouldBe(Path.Combine(_backups, "settings.local.json.20250314T150926535Z.bak"));
        File.ReadAllText(result.BackupPath!).ShouldBe(Original);
        File.GetUnixFileMode(result.BackupPath!).ShouldBe(Mode0600);
        File.GetUnixFileMode(_backups).ShouldBe(Mode0600 | UnixFileMode.UserExecute);
        File.GetUnixFileMode(_settingsPath).ShouldBe(Mode0640);
        Directory.GetFiles(Path.GetDirectoryName(_settingsPath)!).ShouldBe([_settingsPath]);
    }

    [Fact]
    public void Backups_taken_in_the_same_millisecond_do_not_overwrite_each_other()
    {
        WriteSettings("{}");

        var first = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false).BackupPath;
        var second = _installer.Uninstall(_settingsPath, dryRun: false).BackupPath;

        second.ShouldNotBe(first);
        File.ReadAllText(first!).ShouldBe("{}");
        second.ShouldBe(Path.Combine(_backups, "settings.local.json.20250314T150926535Z-1.bak"));
        Parse(File.ReadAllText(second!)).ContainsKey("hooks").ShouldBeTrue();
    }

    [Fact]
    public void A_new_settings_file_and_its_folder_are_created_private()
    {
        var result = _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        result.Changed.ShouldBeTrue();
        result.BackupPath.ShouldBeNull();
        File.GetUnixFileMode(_settingsPath).ShouldBe(Mode0600);
        File.ReadAllText(_settingsPath).ShouldBe(result.Json);
        Directory.Exists(_backups).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{ \"model\": ")]
    [InlineData("""["not", "an", "object"]""")]
    [InlineData("""{"a": 1, "a": 2}""")]
    [InlineData("""{"hooks": ["wrong"]}""")]
    public void A_settings_file_that_is_not_a_json_object_is_refused_by_name_and_left_alone(string content)
    {
        WriteSettings(content);

        var error = Should.Throw<SettingsFormatException>(() => _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false));

        error.Message.ShouldContain(_settingsPath);
        error.FilePath.ShouldBe(_settingsPath);
        File.ReadAllText(_settingsPath).ShouldBe(content);
        Directory.Exists(_backups).ShouldBeFalse();
    }

    [Fact]
    public void Uninstall_on_a_file_without_baton_hooks_changes_nothing()
    {
        WriteSettings(RealisticUserSettings);

        var result = _installer.Uninstall(_settingsPath, dryRun: false);

        result.Changed.ShouldBeFalse();
        result.BackupPath.ShouldBeNull();
        result.Json.ShouldBe(RealisticUserSettings);
        File.ReadAllText(_settingsPath).ShouldBe(RealisticUserSettings);
        Directory.Exists(_backups).ShouldBeFalse();
    }

    [Fact]
    public void Uninstall_on_a_missing_file_creates_nothing()
    {
        _installer.Uninstall(_settingsPath, dryRun: false).Changed.ShouldBeFalse();

        File.Exists(_settingsPath).ShouldBeFalse();
    }

    [Fact]
    public void A_symlinked_settings_file_stays_a_link_and_its_target_is_updated()
    {
        var dotfile = _temp.Combine("dotfiles", "claude-settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(dotfile)!);
        File.WriteAllText(dotfile, """{"model": "opus"}""");
        Directory.CreateDirectory(Path.GetDirectoryName(_settingsPath)!);
        File.CreateSymbolicLink(_settingsPath, dotfile);

        _installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false);

        new FileInfo(_settingsPath).LinkTarget.ShouldBe(dotfile);
        BatonHooksOn(Parse(File.ReadAllText(dotfile)), "Stop").Count.ShouldBe(1);
    }

    private void WriteSettings(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_settingsPath)!);
        File.WriteAllText(_settingsPath, content);
    }
}
