using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>
/// Knows since when each session has had its status, from the <see cref="JournalTypes.SessionStatus"/> entries it has seen
/// (a session's <see cref="Session.UpdatedAt"/> moves with every hook event, so it cannot tell how long a prompt has waited).
/// </summary>
internal sealed class StatusClock
{
    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private DateTimeOffset? _horizon;

    /// <summary>
    /// Says that entries before <paramref name="at"/> were not read: a session without a status entry since then has had
    /// its status at least since then.
    /// </summary>
    /// <param name="at">The time of the first entry read (UTC).</param>
    public void StartsAt(DateTimeOffset at) => _horizon = at;

    /// <summary>Takes note of one journal entry (only status changes matter).</summary>
    /// <param name="entry">The entry.</param>
    public void Observe(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        const string prefix = "session:";
        if (entry.Type == JournalTypes.SessionStatus && entry.Subject.StartsWith(prefix, StringComparison.Ordinal))
        {
            _since[entry.Subject[prefix.Length..]] = entry.At;
        }
    }

    /// <summary>Since when the session has had its current status: its last status change seen, else the earliest
    /// time it can have been (its last update, or the start of what was read when that is earlier).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The time (UTC).</returns>
    public DateTimeOffset Since(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_since.TryGetValue(session.SessionId, out var at))
        {
            return at;
        }

        return _horizon is { } horizon && horizon < session.UpdatedAt ? horizon : session.UpdatedAt;
    }

    /// <summary>Forgets sessions that are no longer listed, so the clock does not grow without end.</summary>
    /// <param name="listed">The session ids still listed.</param>
    public void Keep(IReadOnlySet<string> listed)
    {
        foreach (var id in _since.Keys.Where(id => !listed.Contains(id)).ToList())
        {
            _since.Remove(id);
        }
    }
}
