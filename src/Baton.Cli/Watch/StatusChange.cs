using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>A session whose status changed between two readings of the session list (for <c>--notify</c>).</summary>
/// <param name="Session">The session now; a session no longer listed shows as <see cref="SessionStatus.Exited"/>.</param>
/// <param name="Previous">Its status before.</param>
internal sealed record StatusChange(Session Session, SessionStatus Previous)
{
    /// <summary>The status changes from one list of sessions to the next.</summary>
    /// <param name="before">The sessions before.</param>
    /// <param name="after">The sessions after.</param>
    /// <returns>One change per session whose status differs or that is gone; sessions new in <paramref name="after"/> are not changes.</returns>
    public static IReadOnlyList<StatusChange> Between(IReadOnlyList<Session> before, IReadOnlyList<Session> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var now = after.ToDictionary(s => s.SessionId, StringComparer.Ordinal);
        var changes = new List<StatusChange>();
        foreach (var old in before)
        {
            if (!now.TryGetValue(old.SessionId, out var current))
            {
                changes.Add(new StatusChange(old with { Status = SessionStatus.Exited }, old.Status));
            }
            else if (current.Status != old.Status)
            {
                changes.Add(new StatusChange(current, old.Status));
            }
        }

        return changes;
    }
}
