namespace Baton.Core;

/// <summary>A program Baton needs (tmux, claude) is not installed. The command line prints the message, which names the
/// command that installs it, and exits with <see cref="ExitCodes.MissingProgram"/>.</summary>
public sealed class MissingProgramException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what is missing and how to install it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MissingProgramException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
