using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Platform.Notifications;

namespace Baton.Cli.Notifications;

/// <summary>
/// <c>baton notify on|off|status|test</c>: desktop notifications when a session starts waiting for a person (a permission
/// prompt, or its prompt after a turn). The setting is <c>notify</c> in <c>$BATON_HOME/config.json</c>.
/// </summary>
internal static class NotifyCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the command; notifications use this machine's platform and <c>PATH</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment) =>
        Create(environment, NotificationPlatforms.Current, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Builds the command for a given platform and search path (tests pass a fake <c>notify-send</c>).</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="platform">The platform that decides the notification program.</param>
    /// <param name="searchPath">The <c>PATH</c>-style list the program is looked up in.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, NotificationPlatform platform, string? searchPath)
    {
        var command = new Command("notify", "Desktop notifications when a session needs you: a permission prompt, or waiting at its prompt. " +
            "Uses notify-send (Linux), osascript (macOS), else the terminal bell. Setting: notify in $BATON_HOME/config.json");
        command.Subcommands.Add(Switch(environment, platform, searchPath, on: true));
        command.Subcommands.Add(Switch(environment, platform, searchPath, on: false));
        command.Subcommands.Add(Status(environment, platform, searchPath));
        command.Subcommands.Add(Test(environment, platform, searchPath));
        return command;
    }

    private static Command Switch(CliEnvironment environment, NotificationPlatform platform, string? searchPath, bool on)
    {
        var interval = new Option<int?>("--min-interval")
        {
            Description = $"Seconds between two notifications about the same session (default {BatonSettings.DefaultNotifyMinIntervalSeconds})",
        };
        var command = on
            ? new Command("on", "Turn desktop notifications on") { interval }
            : new Command("off", "Turn desktop notifications off");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var settings = BatonSettings.Load(environment.Home);
            settings.Notify = on;
            if (on && parse.GetValue(interval) is { } seconds)
            {
                settings.NotifyMinIntervalSeconds = seconds >= 0
                    ? seconds
                    : throw new UserErrorException($"--min-interval must be 0 or more seconds, not {seconds}.");
            }

            settings.Save(environment.Home);
            context.Output.WriteLine(on
                ? $"Notifications on: {Mechanism(platform, searchPath).Describe()}, at most one per session every {settings.NotifyMinIntervalSeconds} s."
                : "Notifications off.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliEnvironment environment, NotificationPlatform platform, string? searchPath)
    {
        var json = CommonOptions.Json();
        var command = new Command("status", "Show whether notifications are on and how they would be shown") { json };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var settings = BatonSettings.Load(environment.Home);
            var mechanism = Mechanism(platform, searchPath);
            if (parse.GetValue(json))
            {
                var document = new JsonObject
                {
                    ["notify"] = settings.Notify,
                    ["notify_min_interval_seconds"] = settings.NotifyMinIntervalSeconds,
                    ["mechanism"] = mechanism.Name,
                    ["program"] = mechanism.ProgramPath,
                    ["config_path"] = BatonSettings.PathIn(environment.Home),
                };
                context.WriteJson(document.ToJsonString(Indented));
            }
            else
            {
                context.Output.WriteLine($"Notifications: {(settings.Notify ? "on" : "off")}");
                context.Output.WriteLine($"Mechanism:     {mechanism.Describe()}");
                context.Output.WriteLine($"Min interval:  {settings.NotifyMinIntervalSeconds} s per session");
                context.Output.WriteLine($"Config:        {BatonSettings.PathIn(environment.Home)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Test(CliEnvironment environment, NotificationPlatform platform, string? searchPath)
    {
        var command = new Command("test", "Send one test notification now (even when notifications are off) and say how it was sent");
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var settings = BatonSettings.Load(environment.Home);
            var failures = new List<string>();
            var notifier = new DesktopNotifier(platform, searchPath, context.RawError, failures.Add);
            notifier.Notify("Baton test notification", "Notifications from Baton look like this.");
            if (failures.Count > 0)
            {
                context.Error.WriteLine($"baton: the test notification failed: {string.Join("; ", failures)}");
                return ExitCodes.Failure;
            }

            context.Output.WriteLine($"Sent a test notification with {notifier.Mechanism.Describe()}.");
            if (!settings.Notify)
            {
                context.Output.WriteLine("Notifications are off; turn them on with: baton notify on");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static NotificationMechanism Mechanism(NotificationPlatform platform, string? searchPath) =>
        NotificationMechanism.Detect(platform, searchPath);
}
