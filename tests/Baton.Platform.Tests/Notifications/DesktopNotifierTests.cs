using System.Diagnostics;
using System.Globalization;
using Baton.Core.Notifications;
using Baton.Platform.Notifications;
using Baton.Testing;

namespace Baton.Platform.Tests.Notifications;

public sealed class DesktopNotifierTests : IDisposable
{
    private readonly FakeNotifyProgram _fake = new();
    private readonly List<string> _reports = [];
    private readonly StringWriter _bell = new();

    [Fact]
    public void Notify_send_found_on_the_path_is_called_exactly_once_with_the_app_name_title_and_body()
    {
        var program = _fake.AddRecorder("notify-send");
        var notifier = Notifier(NotificationPlatform.Freedesktop);

        notifier.Notify("Claude is waiting — api", "api main: \"quoted\" $HOME `x`");

        notifier.Mechanism.ShouldBe(new NotificationMechanism(NotificationMechanismKind.NotifySend, program));
        _fake.Calls().ShouldHaveSingleItem().ShouldBe(["--app-name=Baton", "--", "Claude is waiting — api", "api main: \"quoted\" $HOME `x`"]);
        _reports.ShouldBeEmpty();
        _bell.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Notify_send_gets_a_body_without_markup_or_control_characters_and_a_printable_title()
    {
        _fake.AddRecorder("notify-send");

        Notifier(NotificationPlatform.Freedesktop).Notify("t\u001b]0;x\u0007", "<a href=\"https://x\">click</a> & \u001b[2Jgo");

        _fake.Calls().ShouldHaveSingleItem().ShouldBe(["--app-name=Baton", "--", "t ]0;x ", "&lt;a href=\"https://x\"&gt;click&lt;/a&gt; &amp;  [2Jgo"]);
    }

    [Fact]
    public void A_critical_notification_asks_notify_send_for_critical_urgency()
    {
        _fake.AddRecorder("notify-send");

        Notifier(NotificationPlatform.Freedesktop).Notify("t", "b", NotificationUrgency.Critical);

        _fake.Calls().ShouldHaveSingleItem().ShouldBe(["--app-name=Baton", "--urgency=critical", "--", "t", "b"]);
    }

    [Fact]
    public void On_macOS_osascript_gets_one_escaped_display_notification_script()
    {
        _fake.AddRecorder("osascript");

        Notifier(NotificationPlatform.MacOS).Notify("Say \"hi\"", "a\\b\nc");

        _fake.Calls().ShouldHaveSingleItem().ShouldBe(["-e", "display notification \"a\\\\b c\" with title \"Say \\\"hi\\\"\""]);
    }

    [Fact]
    public async Task A_program_that_hangs_is_killed_at_the_time_limit()
    {
        var pidFile = Path.Combine(_fake.Root, "pid");
        _fake.AddSleeper("notify-send", pidFile);
        var notifier = Notifier(NotificationPlatform.Freedesktop);

        var notify = Task.Run(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            notifier.Notify("t", "b");
            return stopwatch.Elapsed;
        });

        // The pid is read while the program runs (one killed before it wrote the file never would).
        var pid = 0;
        await Eventually.Until(
            () => File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture, out pid),
            TimeSpan.FromSeconds(10),
            "the fake notify-send wrote its pid");
        var elapsed = await notify;
        elapsed.ShouldBeGreaterThanOrEqualTo(DesktopNotifier.DefaultTimeLimit - TimeSpan.FromMilliseconds(100));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the notifier waited for the program to end by itself");
        _reports.ShouldHaveSingleItem().ShouldContain("killed");
        await Eventually.Until(() => !Directory.Exists($"/proc/{pid}"), TimeSpan.FromSeconds(10), $"the fake notify-send (pid {pid}) has ended");
    }

    [Fact]
    public void A_failing_program_is_reported_and_does_not_throw()
    {
        _fake.AddFailure("notify-send");

        Should.NotThrow(() => Notifier(NotificationPlatform.Freedesktop).Notify("t", "b"));

        _reports.ShouldHaveSingleItem().ShouldBe("notify-send exited with 1: no session bus");
    }

    [Fact]
    public void Without_a_notification_program_the_terminal_bell_rings()
    {
        var notifier = Notifier(NotificationPlatform.Freedesktop);

        notifier.Notify("t", "b");

        notifier.Mechanism.Kind.ShouldBe(NotificationMechanismKind.Bell);
        _bell.ToString().ShouldBe("\a");
        _reports.ShouldBeEmpty();
    }

    [Fact]
    public void Another_platform_rings_the_bell_even_with_notify_send_on_the_path()
    {
        _fake.AddRecorder("notify-send");

        Notifier(NotificationPlatform.Other).Notify("t", "b");

        _bell.ToString().ShouldBe("\a");
        _fake.Calls().ShouldBeEmpty();
    }

    [Fact]
    public void A_bell_that_cannot_be_written_is_reported_not_thrown()
    {
        var closed = new StringWriter();
        closed.Dispose();
        var notifier = new DesktopNotifier(NotificationPlatform.Other, _fake.Bin, closed, _reports.Add);

        Should.NotThrow(() => notifier.Notify("t", "b"));

        _reports.ShouldHaveSingleItem().ShouldStartWith("bell failed");
    }

    public void Dispose() => _fake.Dispose();

    private DesktopNotifier Notifier(NotificationPlatform platform) => new(platform, _fake.Bin, _bell, _reports.Add);
}
