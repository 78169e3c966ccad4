using Baton.Core.Sessions;

namespace Baton.Core.Machine;

/// <summary>Judges sessions of this host by their recorded process identity (pid and start time, see <see cref="ProcessTable"/>).</summary>
public sealed class ProcessLiveness : ISessionLiveness
{
    /// <summary>In a <see cref="Snapshot"/>: the answers so far, by process identity; null to look every time.</summary>
    private readonly Dictionary<ProcessIdentity, bool>? _running;

    /// <summary>Creates a liveness that looks at the process table on every question.</summary>
    public ProcessLiveness()
    {
    }

    private ProcessLiveness(Dictionary<ProcessIdentity, bool> running) => _running = running;

    /// <inheritdoc/>
    public bool IsGone(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Pid is not { } pid || session.ProcessStart is not { } start || session.Host is not { } host
            || !string.Equals(host, ProcessTable.HostName, StringComparison.Ordinal))
        {
            return false;
        }

        var process = new ProcessIdentity(host, pid, start);
        if (_running is null)
        {
            return !ProcessTable.IsRunning(process);
        }

        if (!_running.TryGetValue(process, out var running))
        {
            running = ProcessTable.IsRunning(process);
            _running[process] = running;
        }

        return !running;
    }

    /// <inheritdoc/>
    /// <remarks>Each process is read from the process table once, however many sessions name it.</remarks>
    public ISessionLiveness Snapshot() => new ProcessLiveness([]);
}
