namespace Baton.Core;

/// <summary>
/// A mistake in what a person or agent asked for (an unknown or ambiguous id, a bad date, a value too large). The command
/// line prints <see cref="Exception.Message"/> as one line and exits with <see cref="ExitCodes.UserError"/>.
/// </summary>
public sealed class UserErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A one-line message saying what was wrong and what is allowed.</param>
    public UserErrorException(string message)
        : base(message)
    {
    }
}
