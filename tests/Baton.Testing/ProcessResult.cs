namespace Baton.Testing;

/// <summary>What a finished child process left behind: its exit code, its output and how long it ran.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    /// <summary>Throws when the exit code is not zero, with both output streams in the message.</summary>
    public ProcessResult EnsureSuccess(string? what = null)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{what ?? "Process"} exited with code {ExitCode} after {Elapsed.TotalSeconds:0.0}s.\n" +
                $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}");
        }

        return this;
    }
}
