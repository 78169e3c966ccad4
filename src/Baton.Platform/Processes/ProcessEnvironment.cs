namespace Baton.Platform.Processes;

/// <summary>
/// The environment another process of this user started with, read from Linux's <c>/proc/PID/environ</c>
/// (<c>NAME=VALUE</c> entries separated by NUL bytes): what a hook run by that process would have seen, for the resident
/// server acting for a session no hook told it of (a desktop notification needs the session's <c>PATH</c> and desktop
/// variables, not the server's). Elsewhere, or for a process that is gone or another user's, nothing is known.
/// </summary>
public static class ProcessEnvironment
{
    /// <summary>The most bytes of an environment read: 1 MiB.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads a process's environment.</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>A lookup of its variables (null for one it lacks), or null when it cannot be read.</returns>
    public static Func<string, string?>? Of(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead($"/proc/{pid}/environ");
            var buffer = new byte[MaxBytes];
            var length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in System.Text.Encoding.UTF8.GetString(buffer, 0, length).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    variables.TryAdd(entry[..equals], entry[(equals + 1)..]);
                }
            }

            return name => variables.GetValueOrDefault(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
