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
}
