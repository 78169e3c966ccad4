using System.CommandLine;
using Baton.ClaudeCode.Settings;
using Baton.ClaudeCode.Versions;
using Baton.Platform.Programs;

namespace Baton.Cli.Hooks;

/// <summary>
/// The hooks <c>baton hooks install</c> writes and <c>baton doctor</c> expects, for the <c>claude</c> on <c>PATH</c>
/// (<see cref="BatonHooks.For"/>): the wake route its messaging socket allows (<see cref="ClaudeCodeVersion.HasMessagingSocket"/>)
/// unless <c>--wake hooks|socket</c> decides. Without a claude that tells its release: wake hooks, which every supported
/// release runs.
/// </summary>
/// <param name="Registrations">The registrations to install.</param>
/// <param name="Route">How idle sessions are woken.</param>
/// <param name="Why">Why that route, for the person (for example <c>claude 2.1.332 has a messaging socket</c>).</param>
internal sealed record HookSelection(IReadOnlyList<HookRegistration> Registrations, WakeRoute Route, string Why)
{
    /// <summary>The option's value that lets the installed claude decide.</summary>
    public const string Auto = "auto";

    /// <summary>How long <c>claude --version</c> may take.</summary>
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What the person is told about waking, one sentence.</summary>
    public string Described => Route == WakeRoute.Socket
        ? $"Idle sessions are woken through claude's messaging socket by the Baton server ({Why}); no wake hook is installed."
        : $"Idle sessions are woken by wake hooks ({Why}).";

    /// <summary>The <c>--wake</c> option of <c>baton hooks install</c>: <c>auto</c> (the default), <c>hooks</c> or <c>socket</c>.</summary>
    /// <returns>The option; its value is null for <c>auto</c>.</returns>
    public static Option<WakeRoute?> WakeOption() => new("--wake")
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

    /// <summary>The hooks for the <c>claude</c> on <c>PATH</c> (it is asked for <c>--version</c>).</summary>
    /// <param name="chosen">The wake route the person chose, or null for the one that claude allows.</param>
    /// <returns>The selection.</returns>
    public static HookSelection ForInstalledClaude(WakeRoute? chosen)
    {
        var (version, described) = InstalledVersion();
        var socket = version is { HasMessagingSocket: true };
        var route = chosen ?? (socket ? WakeRoute.Socket : WakeRoute.Hooks);
        var why = chosen is { } given ? "--wake " + given.ToString().ToLowerInvariant()
            : socket ? $"{described} has a messaging socket"
            : version is not null ? $"{described} has no messaging socket (first in {ClaudeCodeVersion.FirstWithMessagingSocket})"
            : described;
        return new HookSelection(BatonHooks.For(route), route, why);
    }

    /// <summary>The release of the claude on PATH, with how to name it; a null release with why none is known.</summary>
    private static (ClaudeCodeVersion? Version, string Described) InstalledVersion()
    {
        if (ExecutableSearch.Find("claude") is not { } claude)
        {
            return (null, "no claude on PATH to ask whether it has a messaging socket");
        }

        var run = ProgramRun.Run(claude, ["--version"], VersionTimeout);
        return run.Succeeded && ClaudeCodeVersion.TryParse(run.StandardOutput, out var version)
            ? (version, $"claude {version}")
            : (null, $"{claude} --version did not tell its release");
    }
}
