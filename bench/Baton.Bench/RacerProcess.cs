using System.Diagnostics;
using System.Text;

namespace Baton.Bench;

/// <summary>
/// One <c>Baton.Storage.Sqlite.Racer</c> process (tests/Baton.Storage.Sqlite.Racer, copied beside the bench by its
/// ProjectReference): it opens the store, warms up, prints <c>ready</c> and waits for a line on stdin, then races. Its stdout
/// lines are collected as they arrive. Disposing kills it (and only it) when it still runs.
/// </summary>
internal sealed class RacerProcess : IDisposable
{
    private const string Name = "Baton.Storage.Sqlite.Racer";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RacerProcess(Process process) => _process = process;

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Whether it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code (after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What it wrote to stderr.</summary>
    public string Errors
    {
        get
        {
            lock (_lines)
            {
                return _errors.ToString().Trim();
            }
        }
    }

    /// <summary>The racer program beside the bench: its apphost, else <c>dotnet</c> with its dll.</summary>
    /// <returns>The program and the arguments that come before the racer's own; null when it is not there.</returns>
    public static (string FileName, string[] Leading)? Locate()
    {
        var directory = AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? Name + ".exe" : Name);
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        var dll = Path.Combine(directory, Name + ".dll");
        return File.Exists(dll) ? ("dotnet", [dll]) : null;
    }

    /// <summary>Starts a racer in the sandbox's environment; it waits at its barrier until <see cref="Go"/>.</summary>
    /// <param name="program">From <see cref="Locate"/>.</param>
    /// <param name="sandbox">Gives the environment.</param>
    /// <param name="arguments">The racer's arguments: store path, name, mode and the mode's arguments.</param>
    /// <returns>The running racer.</returns>
    public static RacerProcess Start((string FileName, string[] Leading) program, Sandbox sandbox, params string[] arguments)
    {
        var start = new ProcessStartInfo(program.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = sandbox.Root,
        };
        foreach (var argument in program.Leading.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        sandbox.ApplyTo(start.Environment);
        var racer = new RacerProcess(new Process { StartInfo = start });
        racer._process.OutputDataReceived += (_, e) => racer.OnLine(e.Data, error: false);
        racer._process.ErrorDataReceived += (_, e) => racer.OnLine(e.Data, error: true);
        racer._process.Start();
        racer._process.BeginOutputReadLine();
        racer._process.BeginErrorReadLine();
        return racer;
    }

    /// <summary>Waits until every racer printed <c>ready</c>.</summary>
    /// <param name="racers">The racers.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <exception cref="TimeoutException">One was not ready in time, or exited first.</exception>
    public static void WaitAllReady(IReadOnlyList<RacerProcess> racers, TimeSpan timeout)
    {
        var all = Task.WhenAll(racers.Select(r => r._ready.Task));
        var exited = Task.WhenAny(racers.Select(r => r._process.WaitForExitAsync()));
        var first = Task.WhenAny(all, exited, Task.Delay(timeout)).GetAwaiter().GetResult();
        if (first != all)
        {
            var problem = racers.FirstOrDefault(r => r.HasExited) is { } gone
                ? $"a racer exited with {gone.ExitCode} before it was ready: {gone.Errors}"
                : $"the racers were not ready within {timeout.TotalSeconds:0} s";
            throw new TimeoutException(problem);
        }
    }

    /// <summary>Releases the racer from its barrier.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
    }

    /// <summary>Waits for the exit, with stdout and stderr read to the end.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Whether it exited in time.</returns>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // drains the output events
        return true;
    }

    /// <summary>Kills the racer (SIGKILL) when it still runs and waits until its output is drained.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnLine(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            if (error)
            {
                _errors.AppendLine(line);
                return;
            }

            _lines.Add(line);
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
        }
    }
}
