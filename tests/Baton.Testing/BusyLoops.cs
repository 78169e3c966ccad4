using System.Diagnostics;

namespace Baton.Testing;

/// <summary>
/// Shell busy loops (<c>while :; do :; done</c>) that keep CPU cores busy while a test runs, as a user's build or test run
/// would: the machine a loaded user has. Killed, by pid, on dispose.
/// </summary>
public sealed class BusyLoops : IDisposable
{
    private readonly List<Process> _loops = [];

    private BusyLoops()
    {
    }

    /// <summary>Starts <paramref name="count"/> busy loops.</summary>
    /// <param name="count">How many: one per core to saturate.</param>
    /// <returns>The running loops.</returns>
    /// <exception cref="InvalidOperationException">sh did not start.</exception>
    public static BusyLoops Start(int count)
    {
        var loops = new BusyLoops();
        for (var i = 0; i < count; i++)
        {
            loops._loops.Add(Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "while :; do :; done" } })
                ?? throw new InvalidOperationException("sh did not start"));
        }

        return loops;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            loop.Kill();
            loop.WaitForExit();
            loop.Dispose();
        }
    }
}
