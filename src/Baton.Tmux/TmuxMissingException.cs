namespace Baton.Tmux;

/// <summary>The <c>tmux</c> program is not on the search path, so no session can be started; the message says how to install it.</summary>
public sealed class TmuxMissingException : Exception
{
    /// <summary>The message: what is missing and the install command for the common systems.</summary>
    public const string InstallHint = "tmux is not installed: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS)";

    /// <summary>Creates the exception with <see cref="InstallHint"/> as its message.</summary>
    public TmuxMissingException()
        : base(InstallHint)
    {
    }
}
