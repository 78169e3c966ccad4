using System.Diagnostics;

namespace Baton.Storage.Contract.Races;

/// <summary>
/// A test program (a dll copied next to the tests, such as the writer or the racer) run as its own OS process under the
/// dotnet host, its output delivered line by line. Subscribe to <see cref="LineReceived"/> before <see cref="Start"/>.
/// Disposing kills it if it still runs.
/// </summary>
public sealed class TestProgram : IDisposable
{
    private readonly Process _process;

    /// <summary>Prepares (but does not start) the program.</summary>
    /// <param name="name">What to call it in messages, e.g. <c>writer</c>.</param>
    /// <param name="assemblyFileName">The dll next to the tests, e.g. <c>Baton.Storage.Sqlite.Writer.dll</c>.</param>
    /// <param name="arguments">Its arguments.</param>
    public TestProgram(string name, string assemblyFileName, IEnumerable<string> arguments)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, assemblyFileName);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The {name} program is not next to the tests: {assembly}");
        }

        Name = name;
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args = [assembly, .. arguments];
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        CommandLine = DotnetHost.Path + " " + string.Join(' ', args);
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, isError: true);
    }

    /// <summary>A line the program printed: the text, and whether it came on standard error.</summary>
    public event Action<string, bool>? LineReceived;

    /// <summary>What to call the program in messages.</summary>
    public string Name { get; }

    /// <summary>The command line, for messages.</summary>
    public string CommandLine { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the process and reading its output.</summary>
    /// <param name="closeInput">Close standard input at once (the program is not held at a start barrier).</param>
    public void Start(bool closeInput)
    {
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (closeInput)
        {
            _process.StandardInput.Close();
        }
    }

    /// <summary>Releases a program waiting at its start barrier: writes <c>go</c> and closes standard input.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
    }

    /// <summary>Waits until the process exits and its output is read to the end.</summary>
    public void WaitForExit() => _process.WaitForExit();

    /// <summary>Waits for the process to exit; kills it and throws when it takes longer.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="output">What it printed, for the message.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, Func<string> output)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly();
            throw new TimeoutException($"The {Name} did not finish within {timeout.TotalSeconds:0}s:\n{output()}");
        }

        _process.WaitForExit(); // drains the output events
        return _process.ExitCode;
    }

    /// <summary>Kills the process with SIGKILL (no chance to clean up) and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000).ShouldBeTrue($"the killed {Name} did not go away");
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
        if (line is not null)
        {
            LineReceived?.Invoke(line, isError);
        }
    }
}
