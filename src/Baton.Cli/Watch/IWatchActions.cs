using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>
/// What the <c>baton watch</c> dashboard asks the world to do. Each call runs on the dashboard's thread while the dashboard
/// waits; a <see cref="Baton.Core.UserErrorException"/> (or any other exception) is shown as one line on the dashboard's
/// status line, so a failure never ends the dashboard.
/// </summary>
public interface IWatchActions
{
    /// <summary>
    /// Attaches the terminal to the session's tmux window and returns when the person detaches. The dashboard is suspended
    /// meanwhile: it has left its alternate screen, shows the cursor, reads no keys and draws nothing; it redraws afterwards.
    /// </summary>
    /// <param name="session">The selected session.</param>
    void Attach(Session session);

    /// <summary>Kills the session (its tmux window and claude process). The person has already confirmed with <c>y</c>.</summary>
    /// <param name="session">The session to kill.</param>
    void Kill(Session session);

    /// <summary>Marks the session's wait as seen (<c>baton ack</c>): it sorts below unseen waits and sends no notification
    /// until its status changes.</summary>
    /// <param name="session">The selected session.</param>
    void Ack(Session session);

    /// <summary>Starts a new Claude Code session in a detached tmux window.</summary>
    /// <param name="directory">The folder to start in, absolute (not checked for existence: the action checks).</param>
    /// <param name="task">The task to give it, or null for none.</param>
    void New(string directory, string? task);
}
