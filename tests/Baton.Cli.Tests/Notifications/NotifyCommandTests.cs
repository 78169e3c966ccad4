using System.CommandLine;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Cli.Notifications;
using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Platform.Notifications;
using Baton.Testing;

namespace Baton.Cli.Tests.Notifications;

/// <summary>
/// <c>baton notify</c> in process, with a PATH that holds only a fake <c>notify-send</c> logging its arguments (no real
/// desktop notification is ever shown).
/// </summary>
public sealed class NotifyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly TempDirectory _path = TempDirectory.Create("baton-notify-path-");

    private string CallsPath => _path.Combine("calls.txt");

    [Fact]
    public void Notify_on_then_status_shows_on_and_the_notify_send_found_on_the_path()
    {
        var program = AddFakeNotifySend();

        var on = Run("notify", "on");
        var status = Run("notify", "status");

        on.ExitCode.ShouldBe(0, on.Error);
        on.Output.ShouldContain("Notifications on");
        status.ExitCode.ShouldBe(0, status.Error);
        status.Output.ShouldContain("Notifications: on");
        status.Output.ShouldContain($"notify-send ({program})");
        BatonSettings.Load(_cli.Home).Notify.ShouldBeTrue();
        File.Exists(CallsPath).ShouldBeFalse();
    }

    [Fact]
    public void Status_json_gives_the_setting_and_the_mechanism_in_snake_case()
    {
        Run("notify", "on", "--min-interval", "45").ExitCode.ShouldBe(0);
        Run("notify", "off").Output.ShouldContain("Notifications off");

        var status = Run("notify", "status", "--json");

        status.ExitCode.ShouldBe(0, status.Error);
        var json = JsonNode.Parse(status.Output)!.AsObject();
        json["notify"]!.GetValue<bool>().ShouldBeFalse();
        json["notify_min_interval_seconds"]!.GetValue<int>().ShouldBe(45);
        json["mechanism"]!.GetValue<string>().ShouldBe("bell");
        json["program"].ShouldBeNull();
        json["config_path"]!.GetValue<string>().ShouldBe(BatonSettings.PathIn(_cli.Home));
    }

    [Fact]
    public void Notify_test_calls_the_fake_notify_send_exactly_once_and_says_so()
    {
        var program = AddFakeNotifySend();

        var result = Run("notify", "test");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain($"Sent a test notification with notify-send ({program})");
        result.Output.ShouldContain("baton notify on");
        var lines = File.ReadAllLines(CallsPath);
        lines.Count(l => l == "--end--").ShouldBe(1);
        lines.ShouldBe(["--app-name=Baton", "--", "Baton test notification", "Notifications from Baton look like this.", "--end--"]);
    }

    [Fact]
    public void Notify_test_without_a_notification_program_rings_the_bell_on_stderr()
    {
        var result = Run("notify", "test");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBe("\a");
        result.Output.ShouldContain("the terminal bell");
    }

    [Fact]
    public void A_malformed_config_is_a_user_error_naming_the_file()
    {
        _cli.Home.EnsureCreated();
        File.WriteAllText(BatonSettings.PathIn(_cli.Home), "{ nope");

        var result = Run("notify", "on");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(BatonSettings.PathIn(_cli.Home));
    }

    [Fact]
    public void A_negative_interval_is_a_user_error()
    {
        Run("notify", "on", "--min-interval", "-5").ExitCode.ShouldBe(2);

        BatonSettings.Load(_cli.Home).Notify.ShouldBeFalse();
    }

    public void Dispose()
    {
        _path.Dispose();
        _cli.Dispose();
    }

    private CliResult Run(params string[] args)
    {
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, null, TimeProvider.System, new NeverGone());
        var root = new RootCommand { NotifyCommand.Create(environment, NotificationPlatform.Freedesktop, _path.Combine("bin")) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>A fake notify-send in the test's PATH folder; copied by cp so this process never holds it open for writing
    /// (a parallel fork would make exec fail with "Text file busy").</summary>
    private string AddFakeNotifySend()
    {
        var source = _path.Combine("notify-send.src");
        File.WriteAllText(source, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{CallsPath}'; done\nprintf '%s\\n' '--end--' >> '{CallsPath}'\n");
        var target = _path.Combine("bin", "notify-send");
        _path.CreateSubdirectory("bin");
        ProcessRunner.Run("/bin/cp", [source, target]).ExitCode.ShouldBe(0);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return target;
    }

    private sealed class NeverGone : ISessionLiveness
    {
        public bool IsGone(Session session) => false;
    }
}
