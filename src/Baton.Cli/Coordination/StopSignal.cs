using System.Runtime.InteropServices;

namespace Baton.Cli.Coordination;

/// <summary>
/// A cancellation token for a command that runs until stopped: cancelled by SIGINT (Ctrl-C), SIGTERM or SIGHUP, which then
/// do not kill the process, so the command can finish its output and exit cleanly; optionally also after a time bound.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for the signals.</summary>
    /// <param name="after">Also stop after this long; null for no bound.</param>
    public StopSignal(TimeSpan? after = null)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop),
        ];
        if (after is { } bound)
        {
            _stop.CancelAfter(bound);
        }
    }

    /// <summary>Cancelled when a signal arrived or the bound passed.</summary>
    public CancellationToken Token => _stop.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        _stop.Cancel();
    }
}
