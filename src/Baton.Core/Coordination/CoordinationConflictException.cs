namespace Baton.Core.Coordination;

/// <summary>
/// The store refused a coordination change because the world is not as the caller believed: a stale version, a stale lock
/// token, a queue item claimed by someone else, a handoff already taken. Nothing was written. The message is one line
/// meant for the agent or person who asked: what is true now (the current version, holder or taker) and what to do; it
/// names sessions and times but no stored values. Derived types carry the details as properties.
/// </summary>
public abstract class CoordinationConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message.</param>
    protected CoordinationConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Formats a time for messages: UTC, ISO 8601 to the millisecond.</summary>
    /// <param name="at">The time.</param>
    /// <returns>For example <c>2025-03-14T09:26:53.589Z</c>.</returns>
    protected static string Format(DateTimeOffset at) => CoordinationJournalTypes.FormatTime(at);
}
