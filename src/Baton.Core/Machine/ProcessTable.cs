using System.Diagnostics;
using System.Globalization;
using Baton.Core.Sessions;

namespace Baton.Core.Machine;

/// <summary>
/// Reads processes of this machine: start times (10 ms units since the Unix epoch), parents and command names. On Linux
/// it reads <c>/proc</c> directly (cheap and exact); elsewhere it falls back to <see cref="Process"/> and <c>ps</c>.
/// </summary>
public static class ProcessTable
{
    /// <summary>How long <c>ps</c> may take.</summary>
    private static readonly TimeSpan PsTimeout = TimeSpan.FromSeconds(2);

    private static readonly Lazy<long?> BootTimeSeconds = new(ReadBootTime);

    /// <summary>The host name recorded with processes.</summary>
    public static string HostName { get; } = Environment.MachineName;

    /// <summary>Identifies a running process of this machine.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>Its identity, or null when no such process runs.</returns>
    public static ProcessIdentity? Identify(int pid) =>
        StartTimeOf(pid) is { } start ? new ProcessIdentity(HostName, pid, start) : null;

    /// <summary>Whether the process still runs: same pid and same start time (give or take 10 ms), on this host.</summary>
    /// <param name="process">A recorded identity; one from another host is never judged running by this machine.</param>
    /// <returns>True while that very process runs.</returns>
    public static bool IsRunning(ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return string.Equals(process.Host, HostName, StringComparison.Ordinal)
            && StartTimeOf(process.Pid) is { } start
            && Math.Abs(start - process.StartTime) <= 1;
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
                    return (boot * 100) + (long)(value * 100);
                }
            }
            catch (IOException)
            {
                // Fall back to the wall clock.
            }
        }

        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10;
    }

    /// <summary>The start time of a process.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>10 ms units since the Unix epoch, or null when the process does not exist.</returns>
    public static long? StartTimeOf(int pid)
    {
        if (ReadStatFields(pid) is { } fields && BootTimeSeconds.Value is { } boot)
        {
            // Field 22 (starttime) in clock ticks since boot; USER_HZ is 100 on Linux, so a tick is 10 ms.
            return (boot * 100) + long.Parse(fields[19], CultureInfo.InvariantCulture);
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
        if (ReadStatFields(pid) is { } fields)
        {
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        return OperatingSystem.IsLinux() ? null : PsField(pid, "ppid=") is { } text && int.TryParse(text, out var ppid) ? ppid : null;
    }

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

    /// <summary>The fields of <c>/proc/PID/stat</c> after the command name: index 0 is field 3 (state).</summary>
    private static string[]? ReadStatFields(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name is in parentheses and may itself hold spaces and parentheses.
        var end = stat.LastIndexOf(')');
        return end < 0 ? null : stat[(end + 2)..].Split(' ');
    }

    private static long? ReadBootTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static string? PsField(int pid, string format)
    {
        var run = ProgramRun.Run("ps", ["-o", format, "-p", pid.ToString(CultureInfo.InvariantCulture)], PsTimeout);
        return run.Succeeded && run.StandardOutput.Trim() is { Length: > 0 } text ? text : null;
    }
}
