using System.Text.Json.Nodes;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Testing;
using static Baton.ClaudeCode.Tests.Settings.SettingsSamples;

namespace Baton.ClaudeCode.Tests.Settings;

public sealed class HttpHookInstallTests : IDisposable
{
    private static readonly LoopbackEndpoint Endpoint = new(27431, new string('a', 64));
    private readonly TempDirectory _temp = TempDirectory.Create("baton-http-hooks-");
    private readonly SettingsInstaller _installer;
    private readonly string _settingsPath;

    public HttpHookInstallTests()
    {
        _installer = new SettingsInstaller(_temp.Combine("baton-home"), TimeProvider.System);
        _settingsPath = SettingsLocation.User(_temp.Combine("home")).FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(_settingsPath)!);
        File.WriteAllText(_settingsPath, RealisticUserSettings);
        File.SetUnixFileMode(_settingsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void With_an_endpoint_the_http_registrations_post_to_the_server_with_its_token_and_the_forwarded_variables()
    {
        var installed = Parse(_installer.Install(_settingsPath, NativeBaton, Endpoint, BatonHooks.Default, dryRun: false).Json);

        foreach (var registration in BatonHooks.Default)
        {
            var hook = BatonHooksFor(installed, registration).ShouldHaveSingleItem();
            if (!registration.Http)
            {
                hook["type"]!.GetValue<string>().ShouldBe("command", registration.EventName);
                continue;
            }

            hook["type"]!.GetValue<string>().ShouldBe("http");
            hook["url"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:27431/baton/hooks/{registration.EventName}");
            hook["headers"]!["Authorization"]!.GetValue<string>().ShouldBe("Bearer " + Endpoint.Token);
            hook["headers"]!["X-Baton-Env-TMUX-PANE"]!.GetValue<string>().ShouldBe("$TMUX_PANE");
            hook["allowedEnvVars"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(HttpHookProtocol.Variables);
            hook["timeout"]!.GetValue<int>().ShouldBe(10);
        }
    }

    [Fact]
    public void A_file_that_gets_the_token_is_made_private()
    {
        _installer.Install(_settingsPath, NativeBaton, Endpoint, BatonHooks.Default, dryRun: false);

        File.GetUnixFileMode(_settingsPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Installing_again_changes_nothing_and_uninstall_gives_back_the_original()
    {
        _installer.Install(_settingsPath, NativeBaton, Endpoint, BatonHooks.Default, dryRun: false);

        _installer.Install(_settingsPath, NativeBaton, Endpoint, BatonHooks.Default, dryRun: false).Changed.ShouldBeFalse();
        _installer.Status(_settingsPath).Commands.ShouldBe([NativeBaton], "HTTP hooks call no command");
        _installer.Uninstall(_settingsPath, dryRun: false).Changed.ShouldBeTrue();
        JsonNode.DeepEquals(Parse(File.ReadAllText(_settingsPath)), Parse(RealisticUserSettings)).ShouldBeTrue();
    }

    [Fact]
    public void Without_an_endpoint_the_http_hooks_become_commands_again_and_with_a_new_one_they_follow_it()
    {
        _installer.Install(_settingsPath, NativeBaton, Endpoint, BatonHooks.Default, dryRun: false);

        var commands = Parse(_installer.Install(_settingsPath, NativeBaton, null, BatonHooks.Default, dryRun: false).Json);
        BatonHooks.Default.ShouldAllBe(r => BatonHooksFor(commands, r).Single()["type"]!.GetValue<string>() == "command");

        var moved = Parse(_installer.Install(_settingsPath, NativeBaton, Endpoint with { Port = 27432 }, BatonHooks.Default, dryRun: false).Json);
        var stop = BatonHooksFor(moved, BatonHooks.Default.Single(r => r is { EventName: "Stop", Option: null })).ShouldHaveSingleItem();
        stop["url"]!.GetValue<string>().ShouldBe("http://127.0.0.1:27432/baton/hooks/Stop");
    }

    [Theory]
    [InlineData("""{"type": "http", "url": "http://127.0.0.1:27431/baton/hooks/Stop"}""", true)]
    [InlineData("""{"type": "http", "url": "http://localhost:9/baton/hooks/PostToolUse"}""", true)]
    [InlineData("""{"type": "http", "url": "http://example.com/baton/hooks/Stop"}""", false)]
    [InlineData("""{"type": "http", "url": "http://127.0.0.1:27431/other/hooks/Stop"}""", false)]
    [InlineData("""{"type": "http", "url": "http://127.0.0.1:27431/baton/hooks/stop"}""", false)]
    [InlineData("""{"type": "http"}""", false)]
    public void Only_loopback_urls_under_the_baton_hooks_path_are_batons(string hook, bool batons)
    {
        BatonHookEntry.IsBatonHook(JsonNode.Parse(hook)).ShouldBe(batons);
    }
}
