using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Core.Text;
using Baton.Platform.Programs;

namespace Baton.Platform.Notifications;

/// <summary>
/// Shows notifications on the desktop: <c>notify-send</c> on freedesktop.org desktops, <c>osascript</c> on macOS, else the
/// terminal bell (see <see cref="NotificationMechanism.Detect"/>). Programs get an argument list, never a shell string.
/// <see cref="Notify(string, string, NotificationUrgency)"/> never throws and never waits longer than its time limit: a
/// program still running then is killed. Failures go to the report callback.
/// </summary>
public sealed class DesktopNotifier : INotifier
{
    /// <summary>How long a notification program may run before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(2);

    private readonly Lazy<NotificationMechanism> _mechanism;
    private readonly TextWriter _bell;
    private readonly Action<string> _report;
    private readonly TimeSpan _timeLimit;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <summary>Creates a notifier for a platform, finding its program on a search path.</summary>
    /// <param name="platform">The platform, usually <see cref="NotificationPlatforms.Current"/>.</param>
    /// <param name="searchPath">A <c>PATH</c>-style list the program is looked up in; null for this process's <c>PATH</c>.</param>
    /// <param name="bell">Where the bell character is written when no program is found (a terminal), or <see cref="TextWriter.Null"/>.</param>
    /// <param name="report">Receives a one-line message for each failure; null drops them.</param>
    /// <param name="timeLimit">How long the program may run; default <see cref="DefaultTimeLimit"/>.</param>
    /// <param name="environment">Variables set for the program over this process's own (the desktop session's
    /// <c>DISPLAY</c>, <c>DBUS_SESSION_BUS_ADDRESS</c>… when this process runs outside it); null for none.</param>
    public DesktopNotifier(
        NotificationPlatform platform,
        string? searchPath,
        TextWriter bell,
        Action<string>? report = null,
        TimeSpan? timeLimit = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(bell);
        if (timeLimit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeLimit));
        }

        _mechanism = new(() => NotificationMechanism.Detect(platform, searchPath));
        _bell = bell;
        _report = report ?? (_ => { });
        _timeLimit = timeLimit ?? DefaultTimeLimit;
        _environment = environment ?? new Dictionary<string, string>();
    }

    /// <summary>The variables of a desktop session a notification program needs, taken from the process a notification is
    /// for when it differs from the one that shows it (a hook call the resident server handles).</summary>
    public static IReadOnlyList<string> DesktopVariables { get; } = ["DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"];

    /// <summary>
    /// The notifier of a process that has no terminal of its own to ring (a hook, the MCP server) or must not write to it:
    /// this platform's program found on the <c>PATH</c>, no bell, failures written to Baton's log.
    /// </summary>
    /// <param name="home">Baton's home, for the log.</param>
    /// <param name="variable">Reads the environment of the process the notification is for (a hook's, forwarded to the
    /// resident server): its <c>PATH</c> and <see cref="DesktopVariables"/>; null for this process's own.</param>
    /// <returns>The notifier.</returns>
    public static DesktopNotifier InBackground(BatonHome home, Func<string, string?>? variable = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var log = new BatonLog(home);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in variable is null ? [] : DesktopVariables)
        {
            if (variable!(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return new DesktopNotifier(
            NotificationPlatforms.Current,
            variable?.Invoke("PATH") ?? Environment.GetEnvironmentVariable("PATH"),
            TextWriter.Null,
            message => log.Write("notify", message),
            environment: environment);
    }

    /// <summary>The mechanism used, picked on first use (so creating a notifier that is never used costs nothing).</summary>
    public NotificationMechanism Mechanism => _mechanism.Value;

    /// <inheritdoc/>
    public void Notify(string title, string body) => Notify(title, body, NotificationUrgency.Normal);

    /// <inheritdoc/>
    public void Notify(string title, string body, NotificationUrgency urgency)
    {
        try
        {
            if (Mechanism.ProgramPath is { } program)
            {
                Run(program, Arguments(Mechanism.Kind, title ?? "", body ?? "", urgency));
            }
            else
            {
                _bell.Write('\a');
                _bell.Flush();
            }
        }
        catch (Exception e)
        {
            // A notification is a courtesy: whatever went wrong, the caller's own work goes on.
            _report($"{Mechanism.Name} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The argument list for a notification program.</summary>
    /// <param name="kind"><see cref="NotificationMechanismKind.NotifySend"/> or <see cref="NotificationMechanismKind.Osascript"/>.</param>
    /// <param name="title">The title.</param>
    /// <param name="body">The body.</param>
    /// <param name="urgency">The urgency (notify-send only).</param>
    /// <returns>The arguments, each one argv element.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a program.</exception>
    public static IReadOnlyList<string> Arguments(NotificationMechanismKind kind, string title, string body, NotificationUrgency urgency) => kind switch
    {
        NotificationMechanismKind.NotifySend => urgency == NotificationUrgency.Critical
            ? ["--app-name=Baton", "--urgency=critical", "--", TerminalText.Printable(title), BodyMarkup(body)]
            : ["--app-name=Baton", "--", TerminalText.Printable(title), BodyMarkup(body)],
        NotificationMechanismKind.Osascript =>
            ["-e", $"display notification {AppleScriptString(TerminalText.PrintableLines(body))} with title {AppleScriptString(TerminalText.Printable(title))}"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The bell takes no program."),
    };

    /// <summary>A notify-send body as the body markup of the freedesktop.org notification spec shows it literally: control
    /// characters but line breaks made spaces (<see cref="TerminalText.PrintableLines"/>), and <c>&amp;</c>, <c>&lt;</c>,
    /// <c>&gt;</c> as entities, so a message cannot add links, images or formatting.</summary>
    /// <param name="body">The body text.</param>
    /// <returns>The escaped body.</returns>
    public static string BodyMarkup(string body) =>
        TerminalText.PrintableLines(body)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>An AppleScript string literal: quoted, with backslashes and quotes escaped and line breaks made spaces.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The literal, quotes included.</returns>
    public static string AppleScriptString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.ReplaceLineEndings(" ")
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"\"{escaped}\"";
    }

    private void Run(string program, IReadOnlyList<string> arguments)
    {
        var run = ProgramRun.Run(program, arguments, _timeLimit, environment: _environment);
        if (run.TimedOut)
        {
            _report($"{Mechanism.Name} did not finish within {_timeLimit.TotalSeconds:0.#} s and was killed");
        }
        else if (!run.Succeeded)
        {
            var message = run.StandardError.Trim().ReplaceLineEndings(" ");
            _report($"{Mechanism.Name} {(run.NotStarted ? "did not start" : $"exited with {run.ExitCode}")}{(message.Length > 0 ? ": " + message : "")}");
        }
    }
}
