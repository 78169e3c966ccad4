using System.Text.Json.Nodes;
using Baton.Core.Home;

namespace Baton.Core.Tests.Notifications;

public sealed class BatonSettingsNotifyTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("baton-settings-");

    private BatonHome Home => new(Path.Combine(_parent.FullName, "home"));

    private string ConfigPath => BatonSettings.PathIn(Home);

    [Fact]
    public void A_missing_file_gives_notifications_off_and_a_30_second_interval()
    {
        var settings = BatonSettings.Load(Home);

        settings.Notify.ShouldBeFalse();
        settings.NotifyMinIntervalSeconds.ShouldBe(30);
        Directory.Exists(Home.Root).ShouldBeFalse();
    }

    [Fact]
    public void Saved_settings_load_back_from_a_private_snake_case_file()
    {
        new BatonSettings { Notify = true, NotifyMinIntervalSeconds = 90 }.Save(Home);

        var loaded = BatonSettings.Load(Home);

        loaded.Notify.ShouldBeTrue();
        loaded.NotifyMinIntervalSeconds.ShouldBe(90);
        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();
        json["notify"]!.GetValue<bool>().ShouldBeTrue();
        json["notify_min_interval_seconds"]!.GetValue<int>().ShouldBe(90);
        File.GetUnixFileMode(ConfigPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(Home.Root).ShouldBe([ConfigPath]);
    }

    [Fact]
    public void Saving_over_a_world_readable_file_makes_it_private_again()
    {
        Home.EnsureCreated();
        File.WriteAllText(ConfigPath, "{}");
        File.SetUnixFileMode(ConfigPath, (UnixFileMode)0b110_100_100);

        var settings = BatonSettings.Load(Home);
        settings.Notify = true;
        settings.Save(Home);

        BatonHome.IsPrivate(ConfigPath).ShouldBeTrue();
    }

    [Fact]
    public void Keys_baton_does_not_know_are_kept_on_save()
    {
        Home.EnsureCreated();
        File.WriteAllText(ConfigPath, """{ "future_key": { "a": [1, 2] }, "notify": false, }""");

        var settings = BatonSettings.Load(Home);
        settings.Notify = true;
        settings.Save(Home);

        var json = JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();
        json["future_key"]!["a"]!.AsArray().Count.ShouldBe(2);
        json["notify"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "notify": "yes" }""")]
    [InlineData("""{ "notify_min_interval_seconds": -1 }""")]
    [InlineData("""{ "notify_min_interval_seconds": 2.5 }""")]
    [InlineData("""{ "notify_min_interval_seconds": "30" }""")]
    public void A_malformed_file_is_a_user_error_naming_the_file(string content)
    {
        Home.EnsureCreated();
        File.WriteAllText(ConfigPath, content);

        var error = Should.Throw<UserErrorException>(() => BatonSettings.Load(Home));

        error.Message.ShouldContain(ConfigPath);
    }

    public void Dispose() => _parent.Delete(recursive: true);
}
