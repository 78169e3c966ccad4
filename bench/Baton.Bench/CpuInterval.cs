using System.Globalization;

namespace Baton.Bench;

/// <summary>What one process used over a measured interval: two <see cref="ProcStat"/> readings, at its start and end.</summary>
/// <param name="Label">The row's label: which process.</param>
/// <param name="Before">The reading at the start.</param>
/// <param name="After">The reading at the end.</param>
/// <param name="Seconds">The interval's length, wall clock.</param>
internal sealed record CpuInterval(string Label, ProcStat Before, ProcStat After, double Seconds)
{
    /// <summary>CPU seconds used in the interval (user + system, all threads).</summary>
    public double CpuSeconds => After.UserSeconds + After.SystemSeconds - Before.UserSeconds - Before.SystemSeconds;

    /// <summary>Writes a table of intervals (seconds, CPU, share of one core, user and system split, context switches,
    /// threads) and a line saying where the figures come from.</summary>
    /// <param name="output">Where.</param>
    /// <param name="title">The first column's header.</param>
    /// <param name="intervals">The rows.</param>
    public static void Write(TextWriter output, string title, IEnumerable<CpuInterval> intervals)
    {
        var table = new Table(title, "seconds", "CPU s", "% of one core", "user s", "sys s", "voluntary cs", "involuntary cs", "threads");
        foreach (var i in intervals)
        {
            table.Add(i.Label, F(i.Seconds, "0.0"), F(i.CpuSeconds, "0.00"), F(100 * i.CpuSeconds / i.Seconds, "0.00") + " %",
                F(i.After.UserSeconds - i.Before.UserSeconds, "0.00"), F(i.After.SystemSeconds - i.Before.SystemSeconds, "0.00"),
                Switches(i.Before.Voluntary, i.After.Voluntary), Switches(i.Before.Involuntary, i.After.Involuntary),
                i.After.Threads.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(output);
        output.WriteLine($"         CPU from utime+stime of /proc/PID/stat (all threads, {ProcStat.TickSeconds * 1000:0} ms ticks); "
            + "context switches summed over /proc/PID/task/*/status of the threads alive at each reading (n/a: threads that ended took more "
            + "switches with them than the others made)");
    }

    /// <summary>The switches made in the interval, or n/a when the sum went down (threads ended in between).</summary>
    private static string Switches(long before, long after) => after >= before ? (after - before).ToString("N0", CultureInfo.InvariantCulture) : "n/a";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
