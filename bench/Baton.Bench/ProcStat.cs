using System.Globalization;

namespace Baton.Bench;

/// <summary>A process's CPU time and context switches read from <c>/proc</c> at one moment.</summary>
/// <param name="UserSeconds">utime of the whole process (all its threads).</param>
/// <param name="SystemSeconds">stime of the whole process.</param>
/// <param name="Voluntary">voluntary_ctxt_switches summed over the threads alive now.</param>
/// <param name="Involuntary">nonvoluntary_ctxt_switches summed over the threads alive now.</param>
/// <param name="Threads">How many threads the process has now.</param>
/// <param name="ChildrenSeconds">cutime + cstime: the CPU of the children the process has waited for (a server's
/// <c>git</c> probes).</param>
internal sealed record ProcStat(double UserSeconds, double SystemSeconds, long Voluntary, long Involuntary, int Threads, double ChildrenSeconds)
{
    /// <summary>The CPU of the process and of its waited-for children, in seconds.</summary>
    public double WithChildrenSeconds => UserSeconds + SystemSeconds + ChildrenSeconds;

    private static readonly Lazy<double> TicksPerSecond = new(ReadTicksPerSecond);

    /// <summary>Reads the figures of a running process.</summary>
    /// <param name="pid">The process.</param>
    /// <returns>Its figures.</returns>
    public static ProcStat Read(int pid)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture); // field 14
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture); // field 15
        var children = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture); // fields 16, 17
        long voluntary = 0, involuntary = 0;
        var threads = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        voluntary += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        involuntary += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }

                threads++;
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return new ProcStat(utime / TicksPerSecond.Value, stime / TicksPerSecond.Value, voluntary, involuntary, threads, children / TicksPerSecond.Value);
    }

    /// <summary>The length of a clock tick (<c>getconf CLK_TCK</c>, 100 on Linux).</summary>
    public static double TickSeconds => 1 / TicksPerSecond.Value;

    private static double ReadTicksPerSecond()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            var text = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return double.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
