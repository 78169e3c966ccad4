using System.Globalization;
using System.Text;
using Baton.Storage.Contract.Races;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Where a writer waits until the test lets all writers go at once.</summary>
internal enum WriterBarrier
{
    /// <summary>It does not wait.</summary>
    None,

    /// <summary>Before it opens the store.</summary>
    BeforeOpen,

    /// <summary>Once the store is open, before its first change.</summary>
    BeforeWriting,
}

/// <summary>
/// One run of <c>Baton.Storage.Sqlite.Writer</c> in its own OS process (see its Program.cs): counts its progress from
/// its output, can be released from its start barrier, killed with SIGKILL, and is killed when disposed.
/// </summary>
internal sealed class WriterProcess : IDisposable
{
    /// <summary>The session every writer increments.</summary>
    public const string SharedSession = "shared";

    private readonly TestProgram _program;
    private readonly StringBuilder _output = new();
    private int _progress;
    private bool _waiting;

    private WriterProcess(TestProgram program)
    {
        _program = program;
        _program.LineReceived += OnLine;
    }

    /// <summary>The session prefix this writer creates sessions under.</summary>
    public required string Prefix { get; init; }

    /// <summary>How many change pairs the writer reported committed.</summary>
    public int Progress => Volatile.Read(ref _progress);

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return $"{_program.CommandLine}\n{_output}";
            }
        }
    }

    /// <summary>Starts a writer.</summary>
    /// <param name="databasePath">The store file.</param>
    /// <param name="prefix">Its session prefix.</param>
    /// <param name="count">How many change pairs to write.</param>
    /// <param name="barrier">Where it waits for <see cref="Go"/>, if anywhere.</param>
    public static WriterProcess Start(string databasePath, string prefix, int count, WriterBarrier barrier = WriterBarrier.None)
    {
        string[] args = [databasePath, prefix, count.ToString(CultureInfo.InvariantCulture), .. barrier switch
        {
            WriterBarrier.BeforeOpen => ["--wait-before-open"],
            WriterBarrier.BeforeWriting => ["--wait-before-writing"],
            _ => Array.Empty<string>(),
        }];
        var result = new WriterProcess(new TestProgram("writer", "Baton.Storage.Sqlite.Writer.dll", args)) { Prefix = prefix };
        result._program.Start(closeInput: barrier == WriterBarrier.None);
        return result;
    }

    /// <summary>Waits until the writer sits at its start barrier.</summary>
    /// <param name="timeout">How long to wait.</param>
    public Task WaitUntilWaitingAsync(TimeSpan timeout) => WaitUntilAsync(() => Volatile.Read(ref _waiting), timeout, "it waits at its start barrier");

    /// <summary>Waits until the writer reported at least <paramref name="progress"/> committed change pairs.</summary>
    /// <param name="progress">The progress to reach.</param>
    /// <param name="timeout">How long to wait.</param>
    public Task WaitForProgressAsync(int progress, TimeSpan timeout) =>
        WaitUntilAsync(() => Progress >= progress, timeout, $"it committed {progress} change pairs");

    /// <summary>Releases the writer from its start barrier.</summary>
    public void Go() => _program.Go();

    /// <summary>Kills the process with SIGKILL (no chance to clean up) and waits until it is gone.</summary>
    public void Kill() => _program.Kill();

    /// <summary>Waits for the writer to exit by itself, killing it on time-out.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>Its exit code.</returns>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _program.WaitForExitAsync(timeout, () => Output);

    /// <summary>Waits for the writer to exit and asserts it succeeded.</summary>
    /// <param name="timeout">How long to wait.</param>
    public async Task ShouldSucceedAsync(TimeSpan timeout)
    {
        var code = await WaitForExitAsync(timeout);
        code.ShouldBe(0, Output);
    }

    /// <inheritdoc/>
    public void Dispose() => _program.Dispose();

    private void OnLine(string line, bool isError)
    {
        lock (_output)
        {
            _output.Append(isError ? "err: " : "out: ").AppendLine(line);
        }

        if (isError)
        {
            return;
        }

        if (line == "waiting")
        {
            Volatile.Write(ref _waiting, true);
        }
        else if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var done))
        {
            Volatile.Write(ref _progress, done);
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_program.HasExited)
            {
                _program.WaitForExit();
                if (condition())
                {
                    return;
                }

                throw new InvalidOperationException($"The writer exited with {_program.ExitCode} before {what}:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting until {what}:\n{Output}");
            }

            await Task.Delay(10);
        }
    }
}
