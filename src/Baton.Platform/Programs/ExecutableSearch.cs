namespace Baton.Platform.Programs;

/// <summary>Finds programs on <c>PATH</c>, as a shell would, without running a shell.</summary>
public static class ExecutableSearch
{
    /// <summary>Finds an executable file by name on a search path.</summary>
    /// <param name="name">The program's file name, for example <c>tmux</c>.</param>
    /// <param name="searchPath">A <c>PATH</c>-style list; null for this process's <c>PATH</c>.</param>
    /// <returns>The absolute path of the first executable match, or null.</returns>
    public static string? Find(string name, string? searchPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var dir in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}
