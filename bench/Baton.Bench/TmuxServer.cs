using System.Diagnostics;
using System.Globalization;

namespace Baton.Bench;

/// <summary>
/// A tmux server of the bench's own: a unique socket name (<c>-L</c>), or <c>default</c> for one that <c>baton new</c>
/// starts, under a <c>TMUX_TMPDIR</c> inside the sandbox, a config file of its own (<c>-f</c>: no status line,
/// <c>default-terminal xterm-256color</c>, panes kept after their program exits so a crash can be read), and the sandbox's
/// environment. Dispose kills this server only.
/// </summary>
internal sealed class TmuxServer : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Sandbox _sandbox;
    private readonly string _tmpDir;
    private readonly string _config;
    private bool _started;

    private TmuxServer(Sandbox sandbox, string? socket)
    {
        _sandbox = sandbox;
        Socket = socket ?? $"baton-bench-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        _tmpDir = Path.Combine(sandbox.Root, "tmux");
        _config = Path.Combine(sandbox.Root, "tmux.conf");
        Directory.CreateDirectory(_tmpDir);
        File.WriteAllText(_config, "set -g status off\nset -g default-terminal xterm-256color\nset -g remain-on-exit on\nset -g history-limit 0\n");
    }

    /// <summary>The socket name given with <c>-L</c>.</summary>
    public string Socket { get; }

    /// <summary>The variables that point a tmux client the bench does not drive itself (such as <c>baton new</c>, which
    /// uses <c>-L default</c>) at this server's socket folder; with them, <c>default</c> is this server.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>(StringComparer.Ordinal) { ["TMUX_TMPDIR"] = _tmpDir };

    /// <summary>Prepares a server (it starts with the first session).</summary>
    /// <param name="sandbox">Gives the environment and holds the socket folder and config.</param>
    /// <param name="socket">The socket name; null for a unique one. <c>default</c> is the server that <c>baton new</c>
    /// starts when given <see cref="ClientEnvironment"/>.</param>
    /// <returns>The server.</returns>
    public static TmuxServer Create(Sandbox sandbox, string? socket = null) => new(sandbox, socket);

    /// <summary>tmux's version, for example <c>tmux 3.3a</c>; null when tmux cannot be started.</summary>
    /// <returns>The version line.</returns>
    public static string? Version()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var text = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return process?.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Starts a detached session whose only pane runs <paramref name="command"/> directly (no shell).</summary>
    /// <param name="name">The session's name.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Lines.</param>
    /// <param name="command">The program and its arguments (two or more words, so tmux executes them without a shell).</param>
    /// <returns>The pane's id, for example <c>%0</c>.</returns>
    public string StartSession(string name, int width, int height, params string[] command)
    {
        string[] args =
        [
            "new-session", "-d", "-s", name, "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture),
            "-e", "HOME=" + _sandbox.UserHome, "-e", "BATON_HOME=" + _sandbox.Baton.Root, "-e", "TERM=xterm-256color",
            "-P", "-F", "#{pane_id}", .. command,
        ];
        _started = true;
        return Run(args).Trim();
    }

    /// <summary>The visible text of a pane (the alternate screen when the program uses it), without attributes.</summary>
    /// <param name="pane">The pane's id.</param>
    /// <returns>The lines.</returns>
    public string Capture(string pane) => Run("capture-pane", "-p", "-t", pane);

    /// <summary>A tmux format expanded for a pane (<c>display -p</c>).</summary>
    /// <param name="pane">The pane's id.</param>
    /// <param name="format">For example <c>#{pane_pid}</c>.</param>
    /// <returns>The text.</returns>
    public string Display(string pane, string format) => Run("display", "-p", "-t", pane, format).Trim();

    /// <summary>Kills one session of this server.</summary>
    /// <param name="name">The session's name.</param>
    public void KillSession(string name) => Run("kill-session", "-t", name);

    /// <summary>Runs a tmux command on this server and returns its output.</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">tmux exited non-zero.</exception>
    public string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["-L", Socket, "-f", _config, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        _sandbox.ApplyTo(start.Environment);
        start.Environment["TMUX_TMPDIR"] = _tmpDir;
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start tmux.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"tmux {string.Join(' ', args)} ran longer than {Timeout.TotalSeconds:0} s.");
        }

        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"tmux {string.Join(' ', args)} exited {process.ExitCode}: {error.GetAwaiter().GetResult().Trim()}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // A server another client started (baton new) left its socket folder here.
        if (!_started && !Directory.EnumerateFileSystemEntries(_tmpDir).Any())
        {
            return;
        }

        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (TimeoutException)
        {
            // Best effort.
        }
    }
}
