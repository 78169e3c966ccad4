using System.Diagnostics;

namespace Baton.Testing;

/// <summary>Asks whether a process the test started (or found) still runs.</summary>
public static class ProcessProbe
{
    /// <summary>Whether a process with this pid exists and has not exited. One that has exited and waits for its parent to
    /// reap it (a zombie, <c>/proc/PID/stat</c> state <c>Z</c> or <c>X</c>) does not run, as Baton judges it
    /// (<c>ProcessClock.Identify</c>): <c>baton kill</c> may return before tmux reaped the pane's process.</summary>
    public static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] is not ("Z" or "X");
    }

    /// <summary>The pids of this user's running processes whose command line is <paramref name="commandLine"/> (its
    /// arguments joined by spaces) and whose environment holds <paramref name="variable"/> (<c>NAME=value</c>): those a
    /// test's sandbox started, even through other programs.</summary>
    public static IReadOnlyList<int> Find(string commandLine, string variable) =>
        Matching((arguments, environment) => arguments == commandLine && environment.Contains(variable));

    /// <summary>The pids of this user's running processes whose <c>HOME</c> or <c>BATON_HOME</c> lies under
    /// <paramref name="root"/>: everything a sandbox started, directly or through claude, tmux and hooks.</summary>
    public static IReadOnlyList<int> WithHomeUnder(string root) =>
        Matching((_, environment) => environment.Any(entry =>
            (entry.StartsWith("HOME=", StringComparison.Ordinal) || entry.StartsWith("BATON_HOME=", StringComparison.Ordinal))
            && entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..] is var home
            && (home == root || home.StartsWith(root + "/", StringComparison.Ordinal))));

    /// <summary>
    /// Ends the processes <paramref name="find"/> finds, by pid: waits up to <paramref name="grace"/> for them to exit by
    /// themselves (a claude ending after its tmux server went runs its SessionEnd hooks, and those may start more), then
    /// kills what is left, and returns once nothing is found.
    /// </summary>
    /// <param name="find">Finds the processes, again at every look (new ones may start meanwhile).</param>
    /// <param name="grace">How long they may take to exit by themselves.</param>
    public static void EndAll(Func<IReadOnlyList<int>> find, TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        for (var found = find(); found.Count > 0; found = find())
        {
            if (clock.Elapsed > grace)
            {
                foreach (var pid in found)
                {
                    Kill(pid);
                }
            }

            if (clock.Elapsed > grace * 2)
            {
                return; // what still shows cannot be killed by this user; the caller's clean-up is best effort anyway
            }

            Thread.Sleep(50);
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone meanwhile.
        }
    }

    private static List<int> Matching(Func<string, string[], bool> matches)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (matches(File.ReadAllText(Path.Combine(directory, "cmdline")).TrimEnd('\0').Replace('\0', ' '), File.ReadAllText(Path.Combine(directory, "environ")).Split('\0')))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's.
            }
        }

        return found;
    }
}
