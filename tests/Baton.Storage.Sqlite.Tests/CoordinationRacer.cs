using System.Diagnostics;
using System.Text;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>
/// One run of <c>Baton.Storage.Sqlite.Racer</c> in its own OS process (see its Program.cs): waits at its start barrier until
/// <see cref="Go"/>, collects its output lines, can be killed with SIGKILL, and is killed when disposed.
/// </summary>
internal sealed class CoordinationRacer : IDisposable
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();

    private CoordinationRacer(Process process, string commandLine, string name)
    {
        _process = process;
        _commandLine = commandLine;
        Name = name;
    }

    /// <summary>The racer's name: its actor in the store.</summary>
    public string Name { get; }

    /// <summary>The lines it printed to stdout so far.</summary>
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

    /// <summary>The command line and everything printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                var tail = _lines.Count > 20 ? _lines.Skip(_lines.Count - 20) : _lines;
                return $"{_commandLine}\nout (last lines): {string.Join(" | ", tail)}\nerr: {_errors}";
            }
        }
    }

    /// <summary>Starts a racer; it opens the store and waits at its barrier.</summary>
    /// <param name="databasePath">The store file.</param>
    /// <param name="name">Its actor name.</param>
    /// <param name="arguments">The mode and its arguments, for example <c>claim work 500</c>.</param>
    /// <returns>The running racer.</returns>
    public static CoordinationRacer Start(string databasePath, string name, params string[] arguments)
    {
        var racer = Path.Combine(AppContext.BaseDirectory, "Baton.Storage.Sqlite.Racer.dll");
        if (!File.Exists(racer))
        {
            throw new FileNotFoundException($"The racer program is not next to the tests: {racer}");
        }

        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args = [racer, databasePath, name, .. arguments];
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        var result = new CoordinationRacer(process, DotnetHost.Path + " " + string.Join(' ', args), name);
        process.OutputDataReceived += (_, e) => result.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => result.OnLine(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Starts several racers, waits until all sit at their barrier, and lets them go together.</summary>
    /// <param name="racers">The racers.</param>
    /// <param name="timeout">How long to wait for them to be ready.</param>
    public static async Task GoTogetherAsync(IReadOnlyList<CoordinationRacer> racers, TimeSpan timeout)
    {
        await Task.WhenAll(racers.Select(r => r.WaitForLineAsync(line => line == "ready", timeout, "it is ready")));
        foreach (var racer in racers)
        {
            racer.Go();
        }
    }

    /// <summary>Releases the racer from its barrier.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
    }

    /// <summary>Waits until the racer printed a line matching <paramref name="match"/>.</summary>
    /// <param name="match">The condition on one line.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>The first matching line.</returns>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit();
                return Lines.FirstOrDefault(match)
                    ?? throw new InvalidOperationException($"The racer exited with {_process.ExitCode} before {what}:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting until {what}:\n{Output}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the racer to finish (killing it on time-out), asserts it succeeded, and returns its output lines.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Every line it printed.</returns>
    public async Task<IReadOnlyList<string>> ShouldSucceedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly();
            throw new TimeoutException($"The racer did not finish within {timeout.TotalSeconds:0}s:\n{Output}");
        }

        _process.WaitForExit(); // drains the output events
        _process.ExitCode.ShouldBe(0, Output);
        var lines = Lines;
        lines[^1].ShouldBe("done", Output);
        return lines;
    }

    /// <summary>Kills the process with SIGKILL (no chance to clean up) and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000).ShouldBeTrue("the killed racer did not go away");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        KillQuietly();
        _process.Dispose();
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        if (isError)
        {
            lock (_lines)
            {
                _errors.AppendLine(line);
            }

            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
