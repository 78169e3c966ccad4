namespace Baton.Core.Sessions;

/// <summary>Tells whether an open session's <c>claude</c> process is gone.</summary>
public interface ISessionLiveness
{
    /// <summary>Whether the session's process is known to be gone.</summary>
    /// <param name="session">An open session.</param>
    /// <returns>True when the process is gone; false when it runs or cannot be judged from here (no pid, another host).</returns>
    bool IsGone(Session session);
}
