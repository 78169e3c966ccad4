using System.Diagnostics;

namespace Baton.Testing;

/// <summary>Asks whether a process the test started (or found) still runs.</summary>
public static class ProcessProbe
{
    /// <summary>Whether a process with this pid exists and has not exited.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The pids of this user's running processes whose command line is <paramref name="commandLine"/> (its
    /// arguments joined by spaces) and whose environment holds <paramref name="variable"/> (<c>NAME=value</c>): those a
    /// test's sandbox started, even through other programs.</summary>
    public static IReadOnlyList<int> Find(string commandLine, string variable)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).TrimEnd('\0').Replace('\0', ' ') == commandLine
                    && File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(variable))
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
