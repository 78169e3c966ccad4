using System.ComponentModel;
using System.Diagnostics;

namespace Baton.Platform.Programs;

/// <summary>
/// Runs a program to its end (or starts it in the background, <see cref="StartDetached"/>) with an argument list (never a shell string), its stdin closed, its stdout and stderr read
/// in full, and a time limit past which its whole process tree is killed.
/// </summary>
/// <param name="ExitCode">The program's exit code; null when it could not be started or was killed at the time limit.</param>
/// <param name="StandardOutput">What it printed on stdout (empty when it did not run).</param>
/// <param name="StandardError">What it printed on stderr, or why it did not run.</param>
public sealed record ProgramRun(int? ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Whether the program could not be started (missing, not executable).</summary>
    public bool NotStarted { get; init; }

    /// <summary>Whether the program was killed at the time limit.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Whether the program ran and exited 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Starts <paramref name="program"/> in the background with its standard streams on pipes that are closed at once, so
    /// it holds none of the caller's (a hook's stdout must reach end of file when the hook exits), and does not wait for it.
    /// </summary>
    /// <param name="program">The program: a name looked up on <c>PATH</c>, or a path.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="workingDirectory">Its working directory, or null for the caller's.</param>
    /// <exception cref="IOException">It could not be started.</exception>
    /// <exception cref="Win32Exception">The program is missing or not executable.</exception>
    public static void StartDetached(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = Piped(program, arguments);
        start.WorkingDirectory = workingDirectory ?? string.Empty;
        using var process = Process.Start(start) ?? throw new IOException($"Could not start {program}.");
        process.StandardInput.Close();
        process.StandardOutput.Close();
        process.StandardError.Close();
    }

    /// <summary>Runs <paramref name="program"/> and waits for it.</summary>
    /// <param name="program">The program: a name looked up on <c>PATH</c>, or a path.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="workingDirectory">Its working directory, or null for the caller's.</param>
    /// <param name="environment">Variables set for it on top of the caller's environment, or null for none.</param>
    /// <returns>How it ended (stdout and stderr read as UTF-8).</returns>
    public static ProgramRun Run(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = Piped(program, arguments);
        start.WorkingDirectory = workingDirectory ?? string.Empty;
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        start.StandardErrorEncoding = System.Text.Encoding.UTF8;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return new ProgramRun(null, string.Empty, $"{program} did not start") { NotStarted = true };
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new ProgramRun(null, string.Empty, $"{program} did not finish within {timeout.TotalSeconds:0.#} s") { TimedOut = true };
            }

            return new ProgramRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        catch (Win32Exception e)
        {
            return new ProgramRun(null, string.Empty, $"{program}: {e.Message}") { NotStarted = true };
        }
    }

    private static ProcessStartInfo Piped(string program, IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
