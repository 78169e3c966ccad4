namespace Baton.Core;

/// <summary>
/// A mistake in what a person or agent asked for (an unknown or ambiguous id, a bad date, a value too large). The command
/// line prints <see cref="Exception.Message"/> as one line, followed by its wording of <see cref="Remedy"/>, and exits with
/// <see cref="ExitCodes.UserError"/>; the MCP server words the remedy in terms of its tools.
/// </summary>
public sealed class UserErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A one-line message saying what was wrong and what is allowed, naming no command or tool.</param>
    /// <param name="remedy">What can be done next, for the adapter to word.</param>
    public UserErrorException(string message, UserErrorRemedy remedy = UserErrorRemedy.None)
        : base(message)
    {
        Remedy = remedy;
    }

    /// <summary>What can be done next; <see cref="UserErrorRemedy.None"/> when the message says it all.</summary>
    public UserErrorRemedy Remedy { get; }

    /// <summary>The message followed by an adapter's wording of <see cref="Remedy"/>.</summary>
    /// <param name="remedy">The adapter's sentence for <see cref="Remedy"/>, or null for none.</param>
    /// <returns>One line.</returns>
    public string MessageWith(string? remedy) => remedy is null ? Message : $"{Message} {remedy}";
}
