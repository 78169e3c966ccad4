using System.Globalization;

namespace Baton.Testing;

/// <summary>
/// A tmux server of its own: a unique socket name (<c>-L baton-test-…</c>) under a private
/// TMUX_TMPDIR, so tests never see or disturb anyone else's tmux. Dispose kills this server only.
/// </summary>
public sealed class TmuxServer : IDisposable
{
    private readonly TempDirectory _tmpDir;

    /// <summary>Prepares (but does not yet start) a server; the first <see cref="NewSession"/> starts it.</summary>
    public TmuxServer()
        : this("baton-test-" + Guid.NewGuid().ToString("N")[..12])
    {
    }

    /// <summary>A server under its own TMUX_TMPDIR with the given socket name: <c>default</c> is the server that a tmux
    /// client started with <see cref="ClientEnvironment"/> and no <c>-L</c> (such as <c>baton new</c>) uses.</summary>
    public TmuxServer(string socketName)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketName);
        _tmpDir = TempDirectory.Create("baton-tmux-");
        SocketName = socketName;
    }

    /// <summary>The socket name passed with <c>-L</c>.</summary>
    public string SocketName { get; }

    /// <summary>The TMUX_TMPDIR every tmux call of this server must use.</summary>
    public string TmuxTmpDir => _tmpDir.Path;

    /// <summary>Environment every tmux client call of this server needs (TMUX_TMPDIR; TMUX unset).</summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["TMUX_TMPDIR"] = TmuxTmpDir,
        ["TMUX"] = null,
        ["TMUX_PANE"] = null,
    };

    /// <summary>Full argument list for <c>tmux</c> talking to this server: <c>-L socket</c> followed by <paramref name="args"/>.</summary>
    public IReadOnlyList<string> Arguments(params string[] args) => ["-L", SocketName, .. args];

    /// <summary>Starts a detached session running <paramref name="command"/> directly (no shell) in <paramref name="cwd"/>.</summary>
    public void NewSession(
        string name, string cwd, IReadOnlyList<string> command, IDictionary<string, string>? env = null, int width = 200, int height = 50)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(cwd);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);

        var args = new List<string>
        {
            "new-session", "-d", "-s", name, "-c", cwd,
            "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            args.Add("-e");
            args.Add($"{key}={value}");
        }

        args.Add("--");
        // tmux runs a single argument through sh -c; quote it so it stays one word.
        args.AddRange(command.Count == 1 ? [ShellQuote(command[0])] : command);

        // The first new-session starts the server with this client's environment, so pass env here too.
        var clientEnv = new Dictionary<string, string?>(ClientEnvironment);
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            clientEnv[key] = value;
        }

        Run(args, clientEnv).EnsureSuccess($"tmux new-session {name}");
    }

    /// <summary>Sends keys (tmux key names such as <c>Enter</c>, or text) to a pane.</summary>
    public void SendKeys(string target, params string[] keys) =>
        Run(["send-keys", "-t", target, .. keys]).EnsureSuccess("tmux send-keys");

    /// <summary>Types <paramref name="text"/> literally (no key-name lookup) into a pane.</summary>
    public void SendText(string target, string text) =>
        Run(["send-keys", "-t", target, "-l", "--", text]).EnsureSuccess("tmux send-keys -l");

    /// <summary>The visible text of a pane.</summary>
    public string CapturePane(string target) =>
        Run(["capture-pane", "-p", "-J", "-t", target]).EnsureSuccess("tmux capture-pane").StdOut;

    /// <summary>The pid of the process tmux started in the pane.</summary>
    public int PanePid(string target) =>
        int.Parse(Run(["display-message", "-p", "-t", target, "#{pane_pid}"]).EnsureSuccess("tmux display-message").StdOut.Trim(), CultureInfo.InvariantCulture);

    /// <summary>Kills a session (and so the processes in its panes get SIGHUP).</summary>
    public void KillSession(string target) =>
        Run(["kill-session", "-t", target]).EnsureSuccess("tmux kill-session");

    /// <summary>Whether a session exists on this server.</summary>
    public bool HasSession(string name) => Run(["has-session", "-t", name]).ExitCode == 0;

    /// <summary>Polls the pane until its text satisfies <paramref name="predicate"/>; returns that text.</summary>
    public async Task<string> WaitForPaneTextAsync(string target, Func<string, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var text = string.Empty;
        try
        {
            await Eventually.Until(
                () =>
                {
                    text = CapturePane(target);
                    return predicate(text);
                },
                timeout,
                $"pane {target} shows the expected text").ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- last pane text ---\n{text}", e);
        }

        return text;
    }

    /// <summary>Synchronous <see cref="WaitForPaneTextAsync"/>.</summary>
    public string WaitForPaneText(string target, Func<string, bool> predicate, TimeSpan timeout) =>
        Task.Run(() => WaitForPaneTextAsync(target, predicate, timeout)).GetAwaiter().GetResult();

    /// <summary>Runs tmux against this server with the given arguments (after <c>-L socket</c>).</summary>
    public ProcessResult Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Run(
            "tmux",
            Arguments([.. args]),
            new ProcessRunOptions
            {
                Environment = new Dictionary<string, string?>(environment ?? ClientEnvironment),
                Timeout = TimeSpan.FromSeconds(20),
            });

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Run(["kill-server"]);
        }
        finally
        {
            _tmpDir.Dispose();
        }
    }

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
