using System.Diagnostics;
using System.Globalization;

namespace Baton.Testing;

/// <summary>
/// The sqlite3 shell, run as its own process on a store file and holding the store's write lock: it runs
/// <c>BEGIN IMMEDIATE</c> and keeps the transaction open until <see cref="Release"/>. It can be stopped (SIGSTOP) and
/// resumed, as a person's Ctrl-Z or a debugger would. Dispose resumes it and kills it, by its pid.
/// </summary>
public sealed class SqliteShellWriter : IDisposable
{
    private readonly Process _process;

    private SqliteShellWriter(Process process) => _process = process;

    /// <summary>The shell's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts the shell on a store file and begins a write transaction; the caller waits until the lock is held
    /// (the shell writes nothing that can be read before it exits: its output to a pipe is buffered).</summary>
    /// <param name="databasePath">The store file.</param>
    /// <returns>The shell.</returns>
    public static SqliteShellWriter Begin(string databasePath)
    {
        var start = new ProcessStartInfo("sqlite3")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(databasePath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        process.StandardInput.WriteLine(".timeout 30000");
        process.StandardInput.WriteLine("BEGIN IMMEDIATE;");
        process.StandardInput.Flush();
        return new SqliteShellWriter(process);
    }

    /// <summary>Stops the shell (SIGSTOP): it keeps the lock and does nothing until resumed.</summary>
    public void Stop() => Signal("-STOP");

    /// <summary>Resumes a stopped shell (SIGCONT).</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>Resumes the shell, commits its empty transaction and waits for it to exit.</summary>
    public void Release()
    {
        Resume();
        _process.StandardInput.WriteLine("COMMIT;");
        _process.StandardInput.WriteLine(".quit");
        _process.StandardInput.Flush();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("sqlite3 did not exit after COMMIT");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
