using Baton.ClaudeCode.Settings;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class SettingsLocationTests
{
    [Fact]
    public void User_settings_live_in_the_given_home()
    {
        var location = SettingsLocation.Resolve(SettingsScope.User, "/home/someone", projectDirectory: null);

        location.ShouldBe(new SettingsLocation(SettingsScope.User, "/home/someone/.claude/settings.json"));
    }

    [Fact]
    public void Project_and_local_settings_live_in_the_project()
    {
        SettingsLocation.Resolve(SettingsScope.Project, homeDirectory: null, "/work/app").FilePath
            .ShouldBe("/work/app/.claude/settings.json");
        SettingsLocation.Resolve(SettingsScope.Local, homeDirectory: null, "/work/app").FilePath
            .ShouldBe("/work/app/.claude/settings.local.json");
    }

    [Fact]
    public void A_scope_without_its_directory_is_refused()
    {
        Should.Throw<ArgumentException>(() => SettingsLocation.Resolve(SettingsScope.User, null, "/work/app"));
        Should.Throw<ArgumentException>(() => SettingsLocation.Resolve(SettingsScope.Local, "/home/someone", " "));
    }
}
