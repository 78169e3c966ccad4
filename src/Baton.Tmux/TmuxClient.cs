using System.Globalization;
using System.Text;
using Baton.Platform.Programs;

namespace Baton.Tmux;

/// <summary>
/// Drives one tmux server through the <c>tmux</c> program, always with argument lists. Every call starts one tmux
/// client process that must finish within 20 seconds; failures throw <see cref="TmuxException"/> carrying tmux's stderr.
/// </summary>
public sealed class TmuxClient
{
    private const string PaneFormat = "#{session_name}\t#{window_index}\t#{pane_id}\t#{pane_pid}\t#{socket_path}";
    private const string ListFormat = "#{session_name}\t#{window_index}\t#{pane_id}\t#{pane_pid}\t#{pane_dead}\t#{pane_current_command}";

    private readonly TmuxRunner _runner;

    /// <summary>Creates a client for a known tmux program; see <see cref="Locate"/> to find it on <c>PATH</c>.</summary>
    /// <param name="executable">Path of the <c>tmux</c> program.</param>
    /// <param name="socket">The server to talk to.</param>
    /// <param name="environment">
    /// Variables set (or, when null, removed) for every tmux client process on top of this process's environment.
    /// <c>TMUX</c> and <c>TMUX_PANE</c> are always replaced by what <paramref name="socket"/> says. The command that
    /// starts the server also gives the server (and so every pane) its global environment.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="executable"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
    public TmuxClient(string executable, TmuxSocket socket, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(socket);
        Executable = executable;
        Socket = socket;
        _runner = new TmuxRunner(executable, socket, environment);
    }

    /// <summary>Path of the <c>tmux</c> program this client runs.</summary>
    public string Executable { get; }

    /// <summary>The server this client talks to.</summary>
    public TmuxSocket Socket { get; }

    /// <summary>Finds <c>tmux</c> on the search path and creates a client for <paramref name="socket"/>.</summary>
    /// <param name="socket">The server to talk to, typically <see cref="TmuxSocket.Current()"/>.</param>
    /// <param name="searchPath">A <c>PATH</c>-style list to search; null for this process's <c>PATH</c>.</param>
    /// <param name="environment">Variables for every tmux client process; see the constructor.</param>
    /// <returns>The client.</returns>
    /// <exception cref="TmuxMissingException">No executable <c>tmux</c> is on the search path.</exception>
    public static TmuxClient Locate(TmuxSocket socket, string? searchPath = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var tmux = ExecutableSearch.Find("tmux", searchPath) ?? throw new TmuxMissingException();
        return new TmuxClient(tmux, socket, environment);
    }

    /// <summary>The session name tmux would give for <paramref name="wanted"/>: ':' '.' and control characters become '_'.</summary>
    /// <param name="wanted">The requested name.</param>
    /// <returns>The name as tmux will store it.</returns>
    /// <exception cref="ArgumentException"><paramref name="wanted"/> is empty.</exception>
    public static string SanitizeSessionName(string wanted)
    {
        ArgumentException.ThrowIfNullOrEmpty(wanted);
        var name = new StringBuilder(wanted.Length);
        foreach (var c in wanted)
        {
            name.Append(c is ':' or '.' || char.IsControl(c) ? '_' : c);
        }

        return name.ToString();
    }

    /// <summary>The tmux version, as <c>tmux -V</c> prints it (for example <c>tmux 3.3a</c>).</summary>
    /// <returns>The trimmed output.</returns>
    /// <exception cref="TmuxException">tmux failed or could not be started.</exception>
    public string Version()
    {
        var result = _runner.Run(["-V"], selectServer: false);
        return result.ExitCode == 0 ? result.StdOut.Trim() : throw TmuxRunner.Failure(["-V"], result);
    }

    /// <summary>
    /// Starts a session (and the server, when none runs) whose first pane runs <paramref name="command"/> in
    /// <paramref name="directory"/>. Always created detached (<c>new-session -d -P</c>) so the pane can be reported;
    /// when <paramref name="detached"/> is false the caller's terminal is then brought to it: <see cref="SwitchClient"/>
    /// when <see cref="Socket"/> came from inside tmux, else <see cref="AttachSession"/>, which returns once the user detaches.
    /// </summary>
    /// <param name="sessionName">The session name; ':' and '.' become '_' (see <see cref="SanitizeSessionName"/>).</param>
    /// <param name="directory">The pane's working directory; it must exist (tmux would silently fall back to the home folder).</param>
    /// <param name="command">
    /// Program and arguments, each a separate word, run without a shell when there are two or more; a single word is
    /// quoted for tmux's <c>default-shell -c</c>; empty runs tmux's default command (the user's shell). If the program
    /// cannot be run the pane, and so the session, ends at once.
    /// </param>
    /// <param name="environment">Variables set in the session (<c>-e NAME=VALUE</c>), on top of the server's global environment.</param>
    /// <param name="detached">False to show the session on the caller's terminal afterwards.</param>
    /// <returns>The new pane.</returns>
    /// <exception cref="ArgumentException">An argument is empty or a variable name is not usable.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="TmuxDuplicateSessionException">A session with that name already exists.</exception>
    /// <exception cref="TmuxException">tmux failed, timed out, or printed something other than the pane.</exception>
    public TmuxPane NewSession(
        string sessionName, string directory, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, bool detached = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionName);
        var cwd = ExistingDirectory(directory);
        TmuxCommand.Validate(command, environment);

        List<string> args = ["new-session", "-d", "-P", "-F", PaneFormat, "-s", sessionName, "-c", cwd];
        TmuxCommand.Append(args, command, environment);
        var result = _runner.Run(args);
        if (result.ExitCode != 0 && result.StdErr.StartsWith("duplicate session: ", StringComparison.Ordinal))
        {
            throw new TmuxDuplicateSessionException(SanitizeSessionName(sessionName), args, result.ExitCode, result.StdErr);
        }

        var pane = ParsePane(args, result.ExitCode == 0 ? result.StdOut : throw TmuxRunner.Failure(args, result));
        if (!detached)
        {
            Show("=" + pane.SessionName);
        }

        return pane;
    }

    /// <summary>
    /// Opens a window whose pane runs <paramref name="command"/> in <paramref name="directory"/>
    /// (<c>new-window -P</c>, at the session's next free index).
    /// </summary>
    /// <param name="targetSession">
    /// The session name (matched exactly) or id such as <c>$1</c>; null for tmux's current session: the enclosing one
    /// when <see cref="Socket"/> came from inside tmux, else the most recently used.
    /// </param>
    /// <param name="windowName">The window's name.</param>
    /// <param name="directory">The pane's working directory; it must exist.</param>
    /// <param name="command">Program and arguments; see <see cref="NewSession"/>.</param>
    /// <param name="environment">Variables set in the pane (<c>-e NAME=VALUE</c>).</param>
    /// <param name="detached">True to leave the session's current window as it is (<c>-d</c>); false to make the new window current.</param>
    /// <returns>The new pane.</returns>
    /// <exception cref="ArgumentException">An argument is empty or a variable name is not usable.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="TmuxException">No such session, no server, or tmux failed or timed out.</exception>
    public TmuxPane NewWindow(
        string? targetSession,
        string windowName,
        string directory,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string> environment,
        bool detached = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(windowName);
        var cwd = ExistingDirectory(directory);
        TmuxCommand.Validate(command, environment);
        if (targetSession is { Length: 0 })
        {
            throw new ArgumentException("The target session is empty; pass null for the current session.", nameof(targetSession));
        }

        List<string> args = ["new-window", "-P", "-F", PaneFormat, "-n", windowName, "-c", cwd];
        if (detached)
        {
            args.Add("-d");
        }

        if (targetSession is not null)
        {
            args.AddRange(["-t", "=" + targetSession + ":"]);
        }

        TmuxCommand.Append(args, command, environment);
        return ParsePane(args, _runner.Check(args));
    }

    /// <summary>Makes the tmux client this process runs inside show <paramref name="target"/> (<c>switch-client -t</c>).</summary>
    /// <param name="target">A tmux target: <c>=NAME</c> for exactly that session, <c>%3</c> for a pane, <c>$1</c> for a session id.</param>
    /// <exception cref="TmuxException">No current client (not inside tmux), no such target, or tmux failed.</exception>
    public void SwitchClient(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        _runner.Check(["switch-client", "-t", target]);
    }

    /// <summary>
    /// Attaches the caller's terminal to <paramref name="target"/> (<c>attach-session -t</c>): tmux runs with this process's
    /// stdin, stdout and stderr and this call returns when the user detaches or the session ends.
    /// </summary>
    /// <param name="target">A tmux target; see <see cref="SwitchClient"/>.</param>
    /// <exception cref="TmuxException">tmux exited non-zero (no such session, not a terminal…); its message went to the terminal.</exception>
    public void AttachSession(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        string[] args = ["attach-session", "-t", target];
        var exitCode = _runner.RunOnTerminal(args);
        if (exitCode != 0)
        {
            throw new TmuxException(
                string.Create(CultureInfo.InvariantCulture, $"tmux attach-session -t {target} exited with code {exitCode}."), args, exitCode, string.Empty);
        }
    }

    /// <summary>Closes a pane; tmux sends its processes SIGHUP. A window or session left empty closes too.</summary>
    /// <param name="paneId">The pane id, such as <c>%3</c>.</param>
    /// <exception cref="TmuxException">No such pane, no server, or tmux failed.</exception>
    public void KillPane(string paneId)
    {
        ArgumentException.ThrowIfNullOrEmpty(paneId);
        _runner.Check(["kill-pane", "-t", paneId]);
    }

    /// <summary>Closes a session and all its panes (their processes get SIGHUP).</summary>
    /// <param name="name">The exact session name.</param>
    /// <exception cref="TmuxException">No such session, no server, or tmux failed.</exception>
    public void KillSession(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _runner.Check(["kill-session", "-t", "=" + name]);
    }

    /// <summary>Whether a session of exactly this name exists (tmux's own <c>-t NAME</c> would also accept a prefix).</summary>
    /// <param name="name">The session name.</param>
    /// <returns>True when it exists; false when it does not or no server runs.</returns>
    /// <exception cref="TmuxException">tmux could not be started or timed out.</exception>
    public bool HasSession(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _runner.Run(["has-session", "-t", "=" + name]).ExitCode == 0;
    }

    /// <summary>Whether <c>new-session -s <paramref name="wanted"/></c> would be refused as a duplicate (after tmux's renaming).</summary>
    /// <param name="wanted">The requested session name.</param>
    /// <returns>True when the name tmux would use is taken.</returns>
    /// <exception cref="TmuxException">tmux could not be started or timed out.</exception>
    public bool SessionNameInUse(string wanted) => HasSession(SanitizeSessionName(wanted));

    /// <summary>
    /// A free session name based on <paramref name="wanted"/>: the sanitized name itself when free, else with <c>-2</c>,
    /// <c>-3</c>… appended. Another process may still take it before <see cref="NewSession"/> runs; that call then throws
    /// <see cref="TmuxDuplicateSessionException"/>.
    /// </summary>
    /// <param name="wanted">The requested session name.</param>
    /// <returns>A name not in use at the time of the call.</returns>
    /// <exception cref="TmuxException">tmux failed or timed out.</exception>
    public string UniqueSessionName(string wanted)
    {
        var name = SanitizeSessionName(wanted);
        var taken = new HashSet<string>(SessionNames(), StringComparer.Ordinal);
        if (!taken.Contains(name))
        {
            return name;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{name}-{suffix}");
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The names of all sessions on the server.</summary>
    /// <returns>The names; empty when no server runs.</returns>
    /// <exception cref="TmuxException">tmux failed or timed out.</exception>
    public IReadOnlyList<string> SessionNames()
    {
        string[] args = ["list-sessions", "-F", "#{session_name}"];
        var result = _runner.Run(args);
        if (result.NoServer)
        {
            return [];
        }

        return result.ExitCode == 0 ? result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries) : throw TmuxRunner.Failure(args, result);
    }

    /// <summary>Whether a pane exists on the server.</summary>
    /// <param name="paneId">The pane id, such as <c>%3</c>.</param>
    /// <returns>True while the pane exists (even when its command has exited and <c>remain-on-exit</c> keeps it).</returns>
    /// <exception cref="TmuxException">tmux failed or timed out.</exception>
    public bool PaneExists(string paneId) => PaneField(paneId, "#{pane_pid}") is not null;

    /// <summary>The process id of the command tmux started in a pane.</summary>
    /// <param name="paneId">The pane id, such as <c>%3</c>.</param>
    /// <returns>The pid, or null when there is no such pane.</returns>
    /// <exception cref="TmuxException">tmux failed or timed out.</exception>
    public int? PanePid(string paneId) =>
        PaneField(paneId, "#{pane_pid}") is { } pid && int.TryParse(pid, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The text of a pane (<c>capture-pane -p -J</c>: wrapped lines joined, no escape sequences).</summary>
    /// <param name="paneId">The pane id, such as <c>%3</c>.</param>
    /// <param name="historyLines">How many lines of scroll-back above the visible screen to include; 0 for the screen only.</param>
    /// <returns>The text, one line per screen row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="historyLines"/> is negative.</exception>
    /// <exception cref="TmuxException">No such pane, no server, or tmux failed.</exception>
    public string CapturePane(string paneId, int historyLines = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(paneId);
        ArgumentOutOfRangeException.ThrowIfNegative(historyLines);
        List<string> args = ["capture-pane", "-p", "-J", "-t", paneId];
        if (historyLines > 0)
        {
            args.AddRange(["-S", (-historyLines).ToString(CultureInfo.InvariantCulture)]);
        }

        return _runner.Check(args);
    }

    /// <summary>Every pane of every session on the server (<c>list-panes -a</c>).</summary>
    /// <returns>The panes; empty when no server runs.</returns>
    /// <exception cref="TmuxException">tmux failed, timed out, or printed something unexpected.</exception>
    public IReadOnlyList<TmuxPaneInfo> ListPanes()
    {
        string[] args = ["list-panes", "-a", "-F", ListFormat];
        var result = _runner.Run(args);

        // A server whose last session just closed (and that is about to exit) answers "no current target".
        if (result.NoServer || (result.ExitCode != 0 && result.StdErr.StartsWith("no current target", StringComparison.Ordinal)))
        {
            return [];
        }

        var output = result.ExitCode == 0 ? result.StdOut : throw TmuxRunner.Failure(args, result);
        var panes = new List<TmuxPaneInfo>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t', 6);
            panes.Add(f.Length == 6 && TryInt(f[1], out var window) && TryInt(f[3], out var pid)
                ? new TmuxPaneInfo(f[0], window, f[2], pid, f[5], f[4] == "1")
                : throw new TmuxException($"tmux list-panes printed an unexpected line: {line}", args, 0, result.StdErr));
        }

        return panes;
    }

    private static string ExistingDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        return Directory.Exists(full) ? full : throw new DirectoryNotFoundException($"The directory for the tmux pane does not exist: {full}");
    }

    private static TmuxPane ParsePane(List<string> args, string output)
    {
        var f = output.TrimEnd('\n').Split('\t', 5);
        return f.Length == 5 && TryInt(f[1], out var window) && TryInt(f[3], out var pid)
            ? new TmuxPane(f[0], window, f[2], pid, f[4])
            : throw new TmuxException($"tmux {args[0]} printed an unexpected pane description: {output.Trim()}", args, 0, string.Empty);
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>One format field of a pane, or null when the pane (or the server) does not exist.</summary>
    private string? PaneField(string paneId, string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(paneId);

        // display-message does not fail for a missing pane (it prints an empty line), so the pane id is echoed and checked.
        string[] args = ["display-message", "-p", "-t", paneId, "#{pane_id}\t" + format];
        var result = _runner.Run(args);
        if (result.NoServer || (result.ExitCode != 0 && result.StdErr.StartsWith("can't find ", StringComparison.Ordinal)))
        {
            return null;
        }

        var output = result.ExitCode == 0 ? result.StdOut.TrimEnd('\n') : throw TmuxRunner.Failure(args, result);
        var tab = output.IndexOf('\t', StringComparison.Ordinal);
        return tab > 0 && output[..tab] == paneId ? output[(tab + 1)..] : null;
    }

    private void Show(string target)
    {
        if (Socket.Inside is not null)
        {
            SwitchClient(target);
        }
        else
        {
            AttachSession(target);
        }
    }
}
