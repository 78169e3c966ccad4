using System.Globalization;
using Baton.Core.Sessions;

namespace Baton.Platform.Processes;

/// <summary>
/// Linux's own clock for processes, read from a <c>/proc</c> tree: each process's start in clock ticks since boot
/// (<c>/proc/PID/stat</c> field 22, <see cref="TicksPerSecond"/> a second), the boot's id
/// (<c>/proc/sys/kernel/random/boot_id</c>) and the wall-clock boot time (<c>btime</c> of <c>/proc/stat</c>, whole
/// seconds). A process is told apart by its boot id and start ticks, which no clock step changes; the wall-clock start
/// (<c>btime</c> plus ticks) moves with every step of the system clock (an NTP correction moves <c>btime</c>), so it is
/// kept for showing and ordering only, and compared only for identities recorded without the boot's facts.
/// </summary>
public sealed class ProcessClock
{
    /// <summary>Clock ticks a second (<c>USER_HZ</c>, 100 on Linux): a tick is 10 ms.</summary>
    public const int TicksPerSecond = 100;

    private readonly string _root;

    /// <summary>Creates a clock over a <c>/proc</c> tree.</summary>
    /// <param name="procRoot">The tree's root: <c>/proc</c>, or a folder laid out like it (tests).</param>
    public ProcessClock(string procRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        _root = procRoot;
    }

    /// <summary>This machine's clock, over <c>/proc</c>.</summary>
    public static ProcessClock System { get; } = new("/proc");

    /// <summary>The id of the current boot (<c>sys/kernel/random/boot_id</c>), new at every boot.</summary>
    /// <returns>The id, or null when it cannot be read.</returns>
    public string? BootId() => Read(Path.Combine(_root, "sys", "kernel", "random", "boot_id"))?.Trim() is { Length: > 0 } id ? id : null;

    /// <summary>The wall-clock time of the boot (<c>btime</c> of <c>stat</c>), read afresh: it moves when the system clock is stepped.</summary>
    /// <returns>Whole seconds since the Unix epoch, or null when it cannot be read.</returns>
    public long? BootTimeSeconds()
    {
        var stat = Read(Path.Combine(_root, "stat"));
        var line = stat?.Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    /// <summary>The fields of a process's <c>stat</c> after its command name: index 0 is field 3 (state).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The fields, or null when no such process runs.</returns>
    public string[]? StatFields(int pid)
    {
        var stat = Read(Path.Combine(_root, pid.ToString(CultureInfo.InvariantCulture), "stat"));

        // The command name is in parentheses and may itself hold spaces and parentheses.
        var end = stat?.LastIndexOf(')') ?? -1;
        return end < 0 || end + 2 > stat!.Length ? null : stat[(end + 2)..].Split(' ');
    }

    /// <summary>When a process started, in clock ticks since boot (field 22 of its <c>stat</c>).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The ticks, or null when no such process runs.</returns>
    public long? StartTicks(int pid) => StatFields(pid) is { } fields ? StartTicksOf(fields) : null;

    /// <summary>Identifies a running process: its boot id and start ticks, and its wall-clock start (10 ms units since the
    /// Unix epoch, as the clock tells it now). A process that has exited and waits for its parent to reap it (state
    /// <c>Z</c>, a zombie, or <c>X</c>) runs no more: a claude that exited is gone even before its parent reaps it.</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="host">The host name to record.</param>
    /// <returns>The identity, or null when no such process runs.</returns>
    public ProcessIdentity? Identify(int pid, string host) =>
        StatFields(pid) is [not ("Z" or "X"), ..] fields && StartTicksOf(fields) is { } ticks && BootTimeSeconds() is { } boot
            ? new ProcessIdentity(host, pid, (boot * TicksPerSecond) + ticks, BootId(), ticks)
            : null;

    /// <summary>Field 22 of a <c>stat</c> (<see cref="StatFields"/>' index 19), or null when it is missing.</summary>
    private static long? StartTicksOf(string[] fields) =>
        fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

    /// <summary>
    /// Whether that very process still runs (the host is not checked here): with the boot's facts recorded, the same boot
    /// and the same start ticks, whatever the wall clock did meanwhile; without them (recorded by an older Baton), the same
    /// wall-clock start give or take a tick.
    /// </summary>
    /// <param name="process">The recorded identity.</param>
    /// <returns>True while it runs.</returns>
    public bool IsRunning(ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Identify(process.Pid, process.Host) is { } now && process.IsSameProcess(now);
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
