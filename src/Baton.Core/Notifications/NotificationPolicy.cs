using Baton.Core.Sessions;

namespace Baton.Core.Notifications;

/// <summary>
/// Decides whether a status change deserves a notification. Pure: no I/O, no clock of its own.
/// Only a change <em>into</em> <see cref="SessionStatus.WaitingPermission"/> or <see cref="SessionStatus.WaitingInput"/>
/// counts, and at most one notification per session within the minimum interval.
/// </summary>
public static class NotificationPolicy
{
    /// <summary>Whether to notify about a session's status change.</summary>
    /// <param name="previous">The status before the change; null for a session seen for the first time.</param>
    /// <param name="current">The status after it.</param>
    /// <param name="lastNotifiedAt">When the last notification about this session was sent; null if never.</param>
    /// <param name="now">The time now.</param>
    /// <param name="minInterval">The least time between two notifications about one session; zero for no limit.</param>
    /// <returns>True to notify.</returns>
    public static bool ShouldNotify(SessionStatus? previous, SessionStatus current, DateTimeOffset? lastNotifiedAt, DateTimeOffset now, TimeSpan minInterval)
    {
        if (!current.NeedsPerson() || previous == current)
        {
            return false;
        }

        if (lastNotifiedAt is not { } last)
        {
            return true;
        }

        // A last time in the future (the clock was set back) does not silence a session.
        var elapsed = now - last;
        return elapsed < TimeSpan.Zero || elapsed >= minInterval;
    }
}
