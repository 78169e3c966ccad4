using System.Diagnostics;
using System.Text;

namespace Baton.Bench;

/// <summary>The outcome of one child process: wall time from start to exit (output drained), exit code and output.</summary>
/// <param name="Milliseconds">Wall time from just before <see cref="Process.Start()"/> to exit with stdout and stderr at end of file.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="FirstStdoutMilliseconds">Wall time from the same start to the first bytes read from stdout; null when it printed nothing.</param>
internal sealed record ChildResult(double Milliseconds, int ExitCode, string Stdout, string Stderr, double? FirstStdoutMilliseconds = null);

/// <summary>Starts a process in a sandbox, pipes a payload to its stdin, and times it from start to exit.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs a process to its end.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="sandbox">Gives the environment (HOME, BATON_HOME; no CLAUDE*, BATON_*, GIT_*, TMUX* variables).</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="stdin">Bytes written to stdin before it is closed; null for an empty stdin.</param>
    /// <param name="extra">Variables added after the sandbox's, for example <c>BATON_DISABLE=1</c>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="TimeoutException">The process ran longer than a minute (it is killed).</exception>
    public static ChildResult Run(
        string fileName,
        IEnumerable<string> arguments,
        Sandbox sandbox,
        string workingDirectory,
        byte[]? stdin = null,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = Piped(fileName, arguments, sandbox, workingDirectory);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = ReadToEndAsync(process.StandardOutput, clock);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of stdin (BATON_DISABLE=1 does): a broken pipe, as Claude Code would see.
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} ran longer than {Timeout.TotalSeconds:0} s.");
        }

        var (output, firstOutput) = stdout.GetAwaiter().GetResult();
        var error = stderr.GetAwaiter().GetResult();
        clock.Stop();
        return new ChildResult(clock.Elapsed.TotalMilliseconds, process.ExitCode, output, error, firstOutput);
    }

    /// <summary>A start of <paramref name="fileName"/> in the sandbox with all three standard streams piped.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed without a shell.</param>
    /// <param name="sandbox">Gives the environment.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <returns>The start information.</returns>
    public static ProcessStartInfo Piped(string fileName, IEnumerable<string> arguments, Sandbox sandbox, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        sandbox.ApplyTo(start.Environment);
        return start;
    }

    /// <summary>Runs a setup command (not timed) and fails loudly when it fails.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>Its standard output.</returns>
    /// <exception cref="InvalidOperationException">It exited non-zero.</exception>
    public static string Check(Sandbox sandbox, string workingDirectory, string fileName, params string[] arguments)
    {
        var result = Run(fileName, arguments, sandbox, workingDirectory);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr.Trim()}");
    }

    /// <summary>Reads a stream to its end, noting when its first characters arrived on <paramref name="clock"/>.</summary>
    private static async Task<(string Text, double? FirstMilliseconds)> ReadToEndAsync(StreamReader reader, Stopwatch clock)
    {
        var text = new StringBuilder();
        var buffer = new char[4096];
        double? first = null;
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            first ??= clock.Elapsed.TotalMilliseconds;
            text.Append(buffer, 0, read);
        }

        return (text.ToString(), first);
    }
}
