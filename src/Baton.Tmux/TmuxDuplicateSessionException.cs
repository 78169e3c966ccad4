namespace Baton.Tmux;

/// <summary>
/// <c>new-session</c> was refused because a session of that name already exists on the server; pick another name, for
/// instance with <see cref="TmuxClient.UniqueSessionName"/>.
/// </summary>
public sealed class TmuxDuplicateSessionException : TmuxException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sessionName">The name tmux refused.</param>
    /// <param name="arguments">The tmux arguments that were run.</param>
    /// <param name="exitCode">tmux's exit code.</param>
    /// <param name="standardError">What tmux printed on stderr.</param>
    public TmuxDuplicateSessionException(string sessionName, IReadOnlyList<string> arguments, int? exitCode, string standardError)
        : base($"A tmux session named '{sessionName}' already exists; choose another name.", arguments, exitCode, standardError) =>
        SessionName = sessionName;

    /// <summary>The session name that is already taken.</summary>
    public string SessionName { get; }
}
