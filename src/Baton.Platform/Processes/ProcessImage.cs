using System.Collections;
using System.Runtime.InteropServices;

namespace Baton.Platform.Processes;

/// <summary>Replaces the current process's program (<c>execve(2)</c>): the same pid, parent, session and open standard
/// streams, a new runtime. Unix only.</summary>
public static class ProcessImage
{
    /// <summary>
    /// Runs <paramref name="program"/> in place of the current process, with this process's environment and
    /// <paramref name="variables"/> set on top. Returns only when that failed; the current process then goes on as it was.
    /// </summary>
    /// <param name="program">The program's absolute path.</param>
    /// <param name="arguments">Its arguments, after its own name.</param>
    /// <param name="variables">Variables to set or replace.</param>
    /// <returns>Why it failed (the message of <c>execve</c>'s <c>errno</c>), on Unix; on Windows, that it cannot be done there.</returns>
    public static string Replace(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(variables);
        if (OperatingSystem.IsWindows())
        {
            return "not on Windows";
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        string?[] argv = [program, .. arguments, null];
        string?[] envp = [.. environment.Select(v => $"{v.Key}={v.Value}"), null];
        // execve returns only when it failed (-1, errno set).
        return NativeExecve(program, argv, envp) == -1 ? Marshal.GetLastPInvokeErrorMessage() : "execve returned";
    }

    // LPStr is UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int NativeExecve(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
}
