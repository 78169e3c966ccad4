using Baton.Core.Sessions;

namespace Baton.Core.Machine;

/// <summary>Judges sessions of this host by their recorded process identity (pid and start time, see <see cref="ProcessTable"/>).</summary>
public sealed class ProcessLiveness : ISessionLiveness
{
    /// <inheritdoc/>
    public bool IsGone(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Pid is not { } pid || session.ProcessStart is not { } start || session.Host is not { } host)
        {
            return false;
        }

        return string.Equals(host, ProcessTable.HostName, StringComparison.Ordinal)
            && !ProcessTable.IsRunning(new ProcessIdentity(host, pid, start));
    }
}
