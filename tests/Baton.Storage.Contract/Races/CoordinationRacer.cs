using System.Text;

namespace Baton.Storage.Contract.Races;

/// <summary>
/// One run of <c>Baton.Storage.Sqlite.Racer</c> in its own OS process (see its Program.cs): waits at its start barrier until
/// <see cref="Go"/>, collects its output lines, can be killed with SIGKILL, and is killed when disposed.
/// </summary>
public sealed class CoordinationRacer : IDisposable
{
    private readonly TestProgram _program;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();

    private CoordinationRacer(TestProgram program, string name)
    {
        _program = program;
        _program.LineReceived += OnLine;
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
                return $"{_program.CommandLine}\nout (last lines): {string.Join(" | ", tail)}\nerr: {_errors}";
            }
        }
    }

    /// <summary>Starts a racer; it opens the store and waits at its barrier.</summary>
    /// <param name="store">The store: a SQLite file's path, or a team store's <c>postgres://</c> URL.</param>
    /// <param name="name">Its actor name.</param>
    /// <param name="arguments">The mode and its arguments, for example <c>claim work 500</c>.</param>
    /// <returns>The running racer.</returns>
    public static CoordinationRacer Start(string store, string name, params string[] arguments)
    {
        var result = new CoordinationRacer(new TestProgram("racer", "Baton.Storage.Sqlite.Racer.dll", [store, name, .. arguments]), name);
        result._program.Start(closeInput: false);
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
    public void Go() => _program.Go();

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

            if (_program.HasExited)
            {
                _program.WaitForExit();
                return Lines.FirstOrDefault(match)
                    ?? throw new InvalidOperationException($"The racer exited with {_program.ExitCode} before {what}:\n{Output}");
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
        (await _program.WaitForExitAsync(timeout, () => Output)).ShouldBe(0, Output);
        var lines = Lines;
        lines[^1].ShouldBe("done", Output);
        return lines;
    }

    /// <summary>Kills the process with SIGKILL (no chance to clean up) and waits until it is gone.</summary>
    public void Kill() => _program.Kill();

    /// <inheritdoc/>
    public void Dispose() => _program.Dispose();

    private void OnLine(string line, bool isError)
    {
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
