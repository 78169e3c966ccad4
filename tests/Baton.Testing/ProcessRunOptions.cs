namespace Baton.Testing;

/// <summary>How to run a child process: where, with which environment, what to feed it and how long to wait.</summary>
public sealed class ProcessRunOptions
{
    /// <summary>Working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set on top of the cleaned inherited environment; a null value removes the variable.</summary>
    public IDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Text written to standard input before it is closed; standard input is closed at once when null.</summary>
    public string? StandardInput { get; init; }

    /// <summary>How long the process may run before its whole tree is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Called with the process id right after the process started.</summary>
    public Action<int>? Started { get; init; }
}
