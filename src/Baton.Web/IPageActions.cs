using Baton.Core.Sessions;

namespace Baton.Web;

/// <summary>What the web page asks the host to do that needs more than the store: ending a session's claude and its tmux
/// pane. (Sending, renaming and setting a task go through the store, in <c>Baton.Core</c>.)</summary>
public interface IPageActions
{
    /// <summary>Kills the session (its tmux pane and claude process) and records it as killed. The person has confirmed.</summary>
    /// <param name="session">The session.</param>
    /// <exception cref="Baton.Core.UserErrorException">It cannot be killed, with the reason shown on the page.</exception>
    void Kill(Session session);
}
