using Baton.Core.Sessions;

namespace Baton.Web;

/// <summary>What the web page asks the host to do that needs more than the store: ending a session's claude and its tmux
/// pane, and telling a running claude its session's new name. (Sending, renaming and setting a task go through the store,
/// in <c>Baton.Core</c>.)</summary>
public interface IPageActions
{
    /// <summary>Kills the session (its tmux pane and claude process) and records it as killed. The person has confirmed.</summary>
    /// <param name="session">The session.</param>
    /// <exception cref="Baton.Core.UserErrorException">It cannot be killed, with the reason shown on the page.</exception>
    void Kill(Session session);

    /// <summary>Tells the session's running claude the name the session has now in Baton. Failures are logged, never
    /// thrown: the rename in Baton stands.</summary>
    /// <param name="session">The renamed session.</param>
    void Renamed(Session session);
}
