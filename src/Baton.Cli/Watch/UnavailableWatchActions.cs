using Baton.Core;
using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>
/// The stand-in for <see cref="IWatchActions"/> until attach, kill and new are wired to tmux: each action only says, on the
/// dashboard's status line, that it is not available yet. Replace this class where <see cref="WatchCommand"/> is created.
/// </summary>
internal sealed class UnavailableWatchActions : IWatchActions
{
    /// <inheritdoc/>
    public void Attach(Session session) => throw new UserErrorException("attach is not available yet");

    /// <inheritdoc/>
    public void Kill(Session session) => throw new UserErrorException("kill is not available yet");

    /// <inheritdoc/>
    public void Ack(Session session) => throw new UserErrorException("ack is not available yet");

    /// <inheritdoc/>
    public void New(string directory, string? task) => throw new UserErrorException("new is not available yet");
}
