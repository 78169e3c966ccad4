using Baton.Core.Sessions;

namespace Baton.Platform.Processes;

/// <summary>Judges sessions of this host by their recorded process identity (<see cref="Session.Process"/>): on Linux the
/// boot and the start in ticks since boot (<see cref="ProcessClock"/>), so a step of the wall clock makes no live session
/// look gone. Sessions of other hosts (a team store) are judged by their silence (<see cref="RemoteSessions.IsGone"/>).</summary>
public sealed class ProcessLiveness : ISessionLiveness
{
    private readonly Func<ProcessIdentity, bool> _isRunning;
    private readonly TimeProvider _time;

    /// <summary>In a <see cref="Snapshot"/>: the answers so far, by process identity; null to look every time.</summary>
    private readonly Dictionary<ProcessIdentity, bool>? _running;

    /// <summary>Creates a liveness that looks at this machine's process table on every question (<see cref="ProcessTable.IsRunning"/>).</summary>
    public ProcessLiveness()
        : this(ProcessTable.IsRunning, null, TimeProvider.System)
    {
    }

    /// <summary>Creates a liveness that reads processes through a given <c>/proc</c> clock (a test's fake tree).</summary>
    /// <param name="clock">The clock.</param>
    public ProcessLiveness(ProcessClock clock)
        : this(IsRunningOn(clock), null, TimeProvider.System)
    {
    }

    private ProcessLiveness(Func<ProcessIdentity, bool> isRunning, Dictionary<ProcessIdentity, bool>? running, TimeProvider time)
    {
        _isRunning = isRunning;
        _running = running;
        _time = time;
    }

    /// <inheritdoc/>
    public bool IsGone(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (RemoteSessions.IsRemote(session))
        {
            return RemoteSessions.IsGone(session, _time.GetUtcNow());
        }

        if (session.Process is not { } process || !string.Equals(process.Host, ThisProcess.HostName, StringComparison.Ordinal))
        {
            return false;
        }

        if (_running is null)
        {
            return !_isRunning(process);
        }

        if (!_running.TryGetValue(process, out var running))
        {
            running = _isRunning(process);
            _running[process] = running;
        }

        return !running;
    }

    /// <inheritdoc/>
    /// <remarks>Each process is read from the process table once, however many sessions name it.</remarks>
    public ISessionLiveness Snapshot() => new ProcessLiveness(_isRunning, [], _time);

    private static Func<ProcessIdentity, bool> IsRunningOn(ProcessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.IsRunning;
    }
}
