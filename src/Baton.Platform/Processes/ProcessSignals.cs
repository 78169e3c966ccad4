using System.Runtime.InteropServices;

namespace Baton.Platform.Processes;

/// <summary>Sends Unix signals to processes (.NET's <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL).</summary>
public static class ProcessSignals
{
    /// <summary>SIGTERM: ask a process to end.</summary>
    public const int Terminate = 15;

    /// <summary>SIGKILL: end a process at once.</summary>
    public const int Kill = 9;

    /// <summary>Sends a signal.</summary>
    /// <param name="pid">The process id (a positive number).</param>
    /// <param name="signal">The signal number, for example <see cref="Terminate"/>.</param>
    /// <returns>True when it was sent; false when the process does not exist or may not be signalled.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pid"/> is not positive (0 and -1 would signal groups).</exception>
    public static bool Send(int pid, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        return !OperatingSystem.IsWindows() && NativeKill(pid, signal) == 0;
    }

    /// <summary>
    /// Makes the current process the leader of a new session with no controlling terminal (<c>setsid(2)</c>), so a terminal
    /// that closes, or a signal to the process group that started it, no longer reaches it. Does nothing on Windows.
    /// </summary>
    /// <returns>True when the process now leads a session of its own; false when it already led a process group.</returns>
    public static bool StartSession() => !OperatingSystem.IsWindows() && NativeSetSid() >= 0;

    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static extern int NativeSetSid();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
