namespace Baton.Tmux;

/// <summary>A tmux command failed or did not finish in time; the message holds what tmux printed on stderr.</summary>
public class TmuxException : Exception
{
    /// <summary>Creates the exception for a failed tmux command.</summary>
    /// <param name="message">What failed, with tmux's own words.</param>
    /// <param name="arguments">The tmux arguments that were run (after the program name).</param>
    /// <param name="exitCode">tmux's exit code, or null when it was killed after a time-out or never started.</param>
    /// <param name="standardError">What tmux printed on stderr (empty when it was not captured).</param>
    public TmuxException(string message, IReadOnlyList<string> arguments, int? exitCode, string standardError)
        : base(message)
    {
        Arguments = arguments;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The tmux arguments that were run (after the program name).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>tmux's exit code, or null when it was killed after a time-out or never started.</summary>
    public int? ExitCode { get; }

    /// <summary>What tmux printed on stderr, untrimmed (empty when it was not captured).</summary>
    public string StandardError { get; }
}
