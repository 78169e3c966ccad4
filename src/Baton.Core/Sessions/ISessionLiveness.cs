namespace Baton.Core.Sessions;

/// <summary>Tells whether an open session's <c>claude</c> process is gone.</summary>
public interface ISessionLiveness
{
    /// <summary>Whether the session's process is known to be gone.</summary>
    /// <param name="session">An open session.</param>
    /// <returns>True when the process is gone; false when it runs or cannot be judged from here (no pid; another host, until
    /// its silence says so, see <see cref="RemoteSessions"/>).</returns>
    bool IsGone(Session session);

    /// <summary>
    /// A liveness for judging many sessions at once (a listing): it may look at each process once and remember the answer
    /// for as long as it is used, so use it for one listing and drop it. By default this liveness itself.
    /// </summary>
    /// <returns>The liveness to judge one listing with.</returns>
    ISessionLiveness Snapshot() => this;
}
