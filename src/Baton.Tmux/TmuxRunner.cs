using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Baton.Tmux;

/// <summary>Starts the tmux client program with an argument list (never a shell) for one server and environment.</summary>
internal sealed class TmuxRunner(string executable, TmuxSocket socket, IReadOnlyDictionary<string, string?>? environment)
{
    /// <summary>How long one tmux command may take before the client is killed (the server is left alone).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs tmux with captured output.</summary>
    /// <param name="args">Arguments after the global socket options.</param>
    /// <param name="selectServer">False for server-less commands such as <c>-V</c>.</param>
    /// <exception cref="TmuxException">tmux could not be started or did not finish within <see cref="Timeout"/>.</exception>
    public TmuxResult Run(IReadOnlyList<string> args, bool selectServer = true)
    {
        var start = StartInfo(args, selectServer);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;

        using var process = Start(start, args);
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // tmux already exited; nothing to close.
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            try
            {
                // Only the client we started: a server it may have spawned has daemonized and must live on.
                process.Kill(entireProcessTree: false);
            }
            catch (InvalidOperationException)
            {
                // It exited just now.
            }

            throw new TmuxException(
                string.Create(CultureInfo.InvariantCulture, $"tmux {Describe(args)} did not finish within {Timeout.TotalSeconds:0} s."),
                args,
                null,
                string.Empty);
        }

        // A pane process that inherited a pipe must not hang us; tmux itself has exited.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
        return new TmuxResult(
            process.ExitCode,
            stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty,
            stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty);
    }

    /// <summary>Runs tmux on the caller's terminal (inherited stdin, stdout and stderr) and waits until it exits.</summary>
    /// <returns>tmux's exit code.</returns>
    /// <exception cref="TmuxException">tmux could not be started.</exception>
    public int RunOnTerminal(IReadOnlyList<string> args)
    {
        using var process = Start(StartInfo(args, selectServer: true), args);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Runs tmux and returns its stdout, or throws with its stderr.</summary>
    /// <exception cref="TmuxException">tmux failed, could not be started or timed out.</exception>
    public string Check(IReadOnlyList<string> args)
    {
        var result = Run(args);
        return result.ExitCode == 0 ? result.StdOut : throw Failure(args, result);
    }

    /// <summary>The exception for a failed command: tmux's first stderr line in the message, all of it in a property.</summary>
    public static TmuxException Failure(IReadOnlyList<string> args, TmuxResult result)
    {
        var reason = result.StdErr.Trim() is { Length: > 0 } text ? text.Split('\n')[0].Trim() : $"exit code {result.ExitCode}";
        return new TmuxException($"tmux {Describe(args)} failed: {reason}", args, result.ExitCode, result.StdErr);
    }

    private static string Describe(IReadOnlyList<string> args) => args.Count > 0 ? args[0] : string.Empty;

    private static Process Start(ProcessStartInfo start, IReadOnlyList<string> args)
    {
        try
        {
            return Process.Start(start) ?? throw new TmuxException($"tmux {Describe(args)} could not be started.", args, null, string.Empty);
        }
        catch (Win32Exception e)
        {
            throw new TmuxException($"tmux could not be started ({start.FileName}): {e.Message}", args, null, string.Empty);
        }
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> args, bool selectServer)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        if (selectServer)
        {
            foreach (var arg in socket.Arguments)
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // tmux reads TMUX to find "the current session"; it must describe the server we talk to, or be absent.
        start.Environment.Remove("TMUX");
        start.Environment.Remove("TMUX_PANE");
        if (socket.Inside is { } inside)
        {
            start.Environment["TMUX"] = string.Create(CultureInfo.InvariantCulture, $"{inside.SocketPath},{inside.ServerPid},{inside.SessionIndex}");
            if (socket.InsidePane is { } pane)
            {
                start.Environment["TMUX_PANE"] = pane;
            }
        }

        return start;
    }
}
