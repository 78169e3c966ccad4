using System.Diagnostics;
using System.Text;

namespace Baton.Testing;

/// <summary>
/// Runs a child process with an argument list (never a shell string), captures its output and
/// kills the whole tree on time-out. The child never inherits the test runner's own Claude Code
/// identity: CLAUDE*, ANTHROPIC_* and TMUX* variables are stripped before overrides apply.
/// </summary>
public static class ProcessRunner
{
    private static readonly string[] StrippedPrefixes = ["CLAUDE", "ANTHROPIC_", "TMUX"];

    /// <summary>Whether a variable of the runner's own environment is withheld from children.</summary>
    public static bool IsStripped(string name) =>
        StrippedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes stripped variables from <paramref name="environment"/>, then applies the overrides (null removes).</summary>
    public static void ApplyEnvironment(IDictionary<string, string?> environment, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var name in environment.Keys.Where(IsStripped).ToList())
        {
            environment.Remove(name);
        }

        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }
    }

    /// <summary>Runs the process to completion, or kills its tree and throws <see cref="TimeoutException"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> args, ProcessRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(args);
        options ??= new ProcessRunOptions();

        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        ApplyEnvironment(startInfo.Environment, options.Environment);
        var commandLine = Describe(fileName, startInfo.ArgumentList);

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        options.Started?.Invoke(process.Id);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stdoutPump = PumpAsync(process.StandardOutput, stdout);
        var stderrPump = PumpAsync(process.StandardError, stderr);

        try
        {
            if (options.StandardInput is not null)
            {
                await process.StandardInput.WriteAsync(options.StandardInput).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child closed its standard input early; nothing to feed.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await WaitForPumpsAsync(stdoutPump, stderrPump).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"Timed out after {options.Timeout.TotalSeconds:0.#}s: {commandLine}\n" +
                $"--- stdout ---\n{Snapshot(stdout)}\n--- stderr ---\n{Snapshot(stderr)}");
        }

        // Grandchildren that kept a pipe open must not hang the caller.
        await WaitForPumpsAsync(stdoutPump, stderrPump).ConfigureAwait(false);
        stopwatch.Stop();
        return new ProcessResult(process.ExitCode, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed);
    }

    /// <summary>Synchronous <see cref="RunAsync"/>, for short commands such as tmux and git.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> args, ProcessRunOptions? options = null) =>
        Task.Run(() => RunAsync(fileName, args, options)).GetAwaiter().GetResult();

    /// <summary>A readable one-line rendering of a command, for messages.</summary>
    public static string Describe(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(a => a.Length > 0 && !a.Any(char.IsWhiteSpace) && !a.Contains('"') ? a : $"\"{a.Replace("\"", "\\\"", StringComparison.Ordinal)}\""));

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (sink)
                {
                    sink.Append(buffer, 0, read);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed while a grandchild still held the pipe.
        }
        catch (IOException)
        {
            // Same: the pipe went away.
        }
    }

    private static async Task WaitForPumpsAsync(Task stdoutPump, Task stderrPump) =>
        await Task.WhenAny(Task.WhenAll(stdoutPump, stderrPump), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);

    private static string Snapshot(StringBuilder sink)
    {
        lock (sink)
        {
            return sink.ToString();
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
