namespace Baton.Core.Sessions;

/// <summary>
/// A process told apart from any later process that reuses its pid: host name, pid and start time; on Linux also the boot
/// it runs in and its start in clock ticks since that boot, which tell it apart whatever the wall clock does
/// (the platform's <c>ProcessClock</c>).
/// </summary>
/// <param name="Host">The machine's host name.</param>
/// <param name="Pid">The process id.</param>
/// <param name="StartTime">The process start time in 10 ms units since the Unix epoch, as the wall clock told it when read
/// (it moves with a step of the system clock).</param>
/// <param name="BootId">The boot's id (<c>/proc/sys/kernel/random/boot_id</c>); null where unknown.</param>
/// <param name="StartTicks">The start in clock ticks (10 ms) since that boot; null where unknown.</param>
public sealed record ProcessIdentity(string Host, int Pid, long StartTime, string? BootId = null, long? StartTicks = null)
{
    /// <summary>Whether two identities name one process: same host and pid, and the same boot and start ticks when both
    /// know them (whatever the wall clock did between the two readings), else the same start time give or take 10 ms.</summary>
    /// <param name="other">The other identity.</param>
    /// <returns>True when they name the same process.</returns>
    public bool IsSameProcess(ProcessIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Host, other.Host, StringComparison.Ordinal) && Pid == other.Pid
            && (BootId is not null && StartTicks is not null && other.BootId is not null && other.StartTicks is not null
                ? string.Equals(BootId, other.BootId, StringComparison.Ordinal) && StartTicks == other.StartTicks
                : Math.Abs(StartTime - other.StartTime) <= 1);
    }
}
