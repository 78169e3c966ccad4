namespace Baton.Tmux;

/// <summary>What one finished tmux client process left behind.</summary>
internal sealed record TmuxResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>
    /// Whether tmux failed only because no server listens on the socket (none started yet, or it just exited); queries
    /// then mean "nothing there" rather than an error.
    /// </summary>
    public bool NoServer =>
        ExitCode != 0
        && (StdErr.StartsWith("no server running on ", StringComparison.Ordinal)
            || StdErr.StartsWith("server exited unexpectedly", StringComparison.Ordinal)
            || (StdErr.StartsWith("error connecting to ", StringComparison.Ordinal)
                && (StdErr.Contains("(No such file or directory)", StringComparison.Ordinal)
                    || StdErr.Contains("(Connection refused)", StringComparison.Ordinal))));
}
