
namespace Baton.Core.Sessions;

/// <summary>
/// Sessions on other machines (a team store): this machine cannot look at their processes, so it judges them by their last
/// update (<see cref="Session.UpdatedAt"/>, which every hook and heartbeat refreshes). Silent past <see cref="StaleAfter"/>
/// they show as stale; silent past <see cref="GoneAfter"/> (longer than a session waits at its prompt with its wake hook,
/// 8 h) they count as gone, so any machine's housekeeping (<c>baton prune</c>) ends them and releases their locks and claims.
/// </summary>
public static class RemoteSessions
{
    /// <summary>Silence after which a session on another host shows as stale: 15 minutes.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    /// <summary>Silence after which a session on another host counts as gone: 9 hours.</summary>
    public static readonly TimeSpan GoneAfter = TimeSpan.FromHours(9);

    /// <summary>Whether a session runs on another host than this one (<see cref="ThisProcess.HostName"/>).</summary>
    /// <param name="session">The session.</param>
    /// <returns>True when its host is known and is not this one.</returns>
    public static bool IsRemote(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Host is { } host && !string.Equals(host, ThisProcess.HostName, StringComparison.Ordinal);
    }

    /// <summary>Whether an open session on another host has been silent past <see cref="StaleAfter"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <returns>True when it is remote, open and stale.</returns>
    public static bool IsStale(Session session, DateTimeOffset now) =>
        IsRemote(session) && !session.IsEnded && now - session.UpdatedAt > StaleAfter;

    /// <summary>Whether an open session on another host has been silent past <see cref="GoneAfter"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <returns>True when it is remote and counts as gone.</returns>
    public static bool IsGone(Session session, DateTimeOffset now) =>
        IsRemote(session) && now - session.UpdatedAt > GoneAfter;
}
