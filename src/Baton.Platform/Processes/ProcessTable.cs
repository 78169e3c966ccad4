using System.Diagnostics;
using System.Globalization;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Programs;

namespace Baton.Platform.Processes;

/// <summary>
/// Reads processes of this machine: start times (10 ms units since the Unix epoch), parents and command names. On Linux
/// it reads <c>/proc</c> directly (cheap and exact); elsewhere it falls back to <see cref="Process"/> and <c>ps</c>.
/// </summary>
public static class ProcessTable
{
    /// <summary>How long <c>ps</c> may take.</summary>
    private static readonly TimeSpan PsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The wall-clock boot time, read once per process so that start times told by one process agree.</summary>
    private static readonly Lazy<long?> BootTimeSeconds = new(() => OperatingSystem.IsLinux() ? ProcessClock.System.BootTimeSeconds() : null);

    /// <summary>Identifies a running process of this machine.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>Its identity, or null when no such process runs.</returns>
    public static ProcessIdentity? Identify(int pid) => OperatingSystem.IsLinux()
        ? ProcessClock.System.Identify(pid, ThisProcess.HostName)
        : StartTimeOf(pid) is { } start ? new ProcessIdentity(ThisProcess.HostName, pid, start) : null;

    /// <summary>Whether the process still runs, on this host: on Linux the same boot and start ticks
    /// (<see cref="ProcessClock.IsRunning"/>, immune to steps of the wall clock); elsewhere the same pid and start time
    /// (give or take 10 ms).</summary>
    /// <param name="process">A recorded identity; one from another host is never judged running by this machine.</param>
    /// <returns>True while that very process runs.</returns>
    public static bool IsRunning(ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!string.Equals(process.Host, ThisProcess.HostName, StringComparison.Ordinal))
        {
            return false;
        }

        return OperatingSystem.IsLinux()
            ? ProcessClock.System.IsRunning(process)
            : StartTimeOf(process.Pid) is { } start && Math.Abs(start - process.StartTime) <= 1;
    }

    /// <summary>The start time of the current process.</summary>
    /// <returns>10 ms units since the Unix epoch.</returns>
    public static long CurrentProcessStart() =>
        StartTimeOf(Environment.ProcessId) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10;

    /// <summary>
    /// The time now on the clock of <see cref="StartTimeOf"/>: on Linux the boot time (whole seconds, <c>btime</c> of
    /// <c>/proc/stat</c>) plus the time since boot (<c>/proc/uptime</c>, 10 ms steps), as a process start is told; elsewhere
    /// the wall clock. An event stamped with it orders rightly against events stamped with a hook process's start, which may
    /// be up to a second off the wall clock (the boot time is rounded to whole seconds).
    /// </summary>
    /// <returns>10 ms units since the Unix epoch.</returns>
    public static long Now()
    {
        if (OperatingSystem.IsLinux() && BootTimeSeconds.Value is { } boot)
        {
            try
            {
                var uptime = File.ReadAllText("/proc/uptime");
                var seconds = uptime.AsSpan(0, uptime.IndexOf(' ', StringComparison.Ordinal));
                if (decimal.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    return (boot * ProcessClock.TicksPerSecond) + (long)(value * ProcessClock.TicksPerSecond);
                }
            }
            catch (IOException)
            {
                // Fall back to the wall clock.
            }
        }

        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10;
    }

    /// <summary>
    /// A wall-clock time told on the clock of <see cref="Now"/> (which may be up to a second off the wall clock), so that a
    /// time another program wrote, such as Claude Code's <c>statusUpdatedAt</c>, orders rightly against hook start times.
    /// </summary>
    /// <param name="at">The wall-clock time (UTC).</param>
    /// <returns>10 ms units since the Unix epoch, never later than <see cref="Now"/>.</returns>
    public static long OnProcessClock(DateTimeOffset at)
    {
        var now = Now();
        return Math.Min(now, now - ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - at.ToUnixTimeMilliseconds()) / 10));
    }

    /// <summary>The start time of a process.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>10 ms units since the Unix epoch, or null when the process does not exist.</returns>
    public static long? StartTimeOf(int pid)
    {
        if (OperatingSystem.IsLinux() && ProcessClock.System.StartTicks(pid) is { } ticks && BootTimeSeconds.Value is { } boot)
        {
            return (boot * ProcessClock.TicksPerSecond) + ticks;
        }

        if (OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 10;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The parent of a process.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The parent's pid, or null when unknown.</returns>
    public static int? ParentOf(int pid)
    {
        if (OperatingSystem.IsLinux() && ProcessClock.System.StatFields(pid) is { Length: > 1 } fields)
        {
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        return OperatingSystem.IsLinux() ? null : PsField(pid, "ppid=") is { } text && int.TryParse(text, out var ppid) ? ppid : null;
    }

    /// <summary>Describes the process that holds a store's write lock (Linux only: its state from
    /// <c>/proc/PID/stat</c>, where <c>T</c> or <c>t</c> means stopped, and its command line).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The holder, or null when no such process runs or this is not Linux.</returns>
    public static StoreLockHolder? LockHolder(int pid) =>
        OperatingSystem.IsLinux() && ProcessClock.System.StatFields(pid) is [var state, ..]
            ? StoreLockHolder.Of(pid, Arguments(pid) ?? [], state is "T" or "t")
            : null;

    /// <summary>The short command name of a process (Linux <c>comm</c>, e.g. <c>claude</c> or <c>bash</c>).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The name, or null when unknown.</returns>
    public static string? CommandName(int pid)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return File.ReadAllText($"/proc/{pid}/comm").TrimEnd('\n');
            }
        }
        catch (IOException)
        {
            return null;
        }

        return PsField(pid, "comm=") is { } comm ? Path.GetFileName(comm) : null;
    }

    /// <summary>The command line of a process: Linux <c>/proc/PID/cmdline</c>; elsewhere <c>ps -o args=</c> split at spaces.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>Its arguments, the program first; null when unknown.</returns>
    public static IReadOnlyList<string>? Arguments(int pid)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        catch (IOException)
        {
            return null;
        }

        return PsField(pid, "args=")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? PsField(int pid, string format)
    {
        var run = ProgramRun.Run("ps", ["-o", format, "-p", pid.ToString(CultureInfo.InvariantCulture)], PsTimeout);
        return run.Succeeded && run.StandardOutput.Trim() is { Length: > 0 } text ? text : null;
    }
}
