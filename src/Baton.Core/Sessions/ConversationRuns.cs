namespace Baton.Core.Sessions;

/// <summary>
/// How the runs of one resumed conversation are kept apart: a session is keyed by Claude Code's <c>session_id</c>, which a
/// resumed conversation keeps, so when a conversation that ended is reopened its earlier run stays in history under the
/// key <c>&lt;session_id&gt;~&lt;end time&gt;</c> (end time UTC as <c>yyyyMMddTHHmmssfff</c>), and the conversation's
/// own id names its latest run.
/// </summary>
public static class ConversationRuns
{
    /// <summary>The character that separates a conversation id from the end time of one of its earlier runs.</summary>
    public const char Separator = '~';

    /// <summary>The key an ended run is kept under once its conversation is reopened.</summary>
    /// <param name="ended">The ended run.</param>
    /// <returns><c>&lt;session_id&gt;~&lt;end time&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The session has not ended.</exception>
    public static string EarlierRunId(Session ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var at = ended.EndedAt ?? throw new ArgumentException($"Session {ended.SessionId} has not ended.", nameof(ended));
        return $"{ConversationId(ended.SessionId)}{Separator}{at.UtcDateTime:yyyyMMdd'T'HHmmssfff}";
    }

    /// <summary>The conversation a session row is a run of.</summary>
    /// <param name="sessionId">A session id, or the key of an earlier run.</param>
    /// <returns>Claude Code's <c>session_id</c> of the conversation.</returns>
    public static string ConversationId(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return sessionId.Split(Separator)[0];
    }
}
