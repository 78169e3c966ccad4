using System.CommandLine;
using Baton.ClaudeCode.Settings;
using Baton.ClaudeCode.Versions;
using Baton.Platform.Programs;

namespace Baton.Cli.Hooks;

/// <summary>
/// Which <see cref="WakeRoute"/> <c>baton hooks install</c> writes and <c>baton doctor</c> expects: by default the
/// messaging socket when the <c>claude</c> on <c>PATH</c> has one (<see cref="ClaudeCodeVersion.HasMessagingSocket"/>), else
/// the wake hooks; <c>--wake hooks|socket</c> decides instead.
/// </summary>
internal static class WakeRouteChoice
{
    /// <summary>The option's value that lets the installed claude decide.</summary>
    public const string Auto = "auto";

    /// <summary>How long <c>claude --version</c> may take.</summary>
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The <c>--wake</c> option of <c>baton hooks install</c>: <c>auto</c> (the default), <c>hooks</c> or <c>socket</c>.</summary>
    /// <returns>The option; its value is null for <c>auto</c>.</returns>
    public static Option<WakeRoute?> Option() => new("--wake")
    {
        Description = "How a session idle at its prompt is woken for a message: socket (the Baton server writes to claude's own "
            + $"messaging socket, claude {ClaudeCodeVersion.FirstWithMessagingSocket} or newer; no wake hook process), hooks (an asyncRewake hook "
            + "waits at each idle prompt; every claude) or auto (socket when the claude on PATH has one, the default)",
        DefaultValueFactory = _ => null,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (value.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (Enum.TryParse<WakeRoute>(value, ignoreCase: true, out var route) && Enum.IsDefined(route))
            {
                return route;
            }

            result.AddError($"Unknown wake route '{value}'; use auto, socket or hooks.");
            return null;
        },
    };

    /// <summary>The route to install: <paramref name="chosen"/>, else the one the <c>claude</c> on <c>PATH</c> supports.</summary>
    /// <param name="chosen">The route the person chose, or null for auto.</param>
    /// <returns>The route, and why it was taken, for the person (for example <c>claude 2.1.332 has a messaging socket</c>).</returns>
    public static (WakeRoute Route, string Why) Resolve(WakeRoute? chosen)
    {
        if (chosen is { } route)
        {
            return (route, "--wake " + route.ToString().ToLowerInvariant());
        }

        if (ExecutableSearch.Find("claude") is not { } claude)
        {
            return (WakeRoute.Hooks, "no claude on PATH to ask whether it has a messaging socket");
        }

        var run = ProgramRun.Run(claude, ["--version"], VersionTimeout);
        if (!run.Succeeded || !ClaudeCodeVersion.TryParse(run.StandardOutput, out var version))
        {
            return (WakeRoute.Hooks, $"{claude} --version did not tell its release");
        }

        return version.HasMessagingSocket
            ? (WakeRoute.Socket, $"claude {version} has a messaging socket")
            : (WakeRoute.Hooks, $"claude {version} has no messaging socket (first in {ClaudeCodeVersion.FirstWithMessagingSocket})");
    }
}
