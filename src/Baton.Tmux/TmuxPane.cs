namespace Baton.Tmux;

/// <summary>A pane tmux just created, as <c>new-session -P</c> / <c>new-window -P</c> reported it.</summary>
/// <param name="SessionName">The session's actual name (tmux replaces ':' and '.' in requested names with '_').</param>
/// <param name="WindowIndex">The window's index within the session.</param>
/// <param name="PaneId">The server-wide pane id, such as <c>%3</c>; a stable target while the pane lives.</param>
/// <param name="PanePid">The process id of the command running in the pane (tmux's direct child).</param>
/// <param name="SocketPath">The absolute socket path of the server holding the pane (for <c>tmux -S</c>).</param>
public sealed record TmuxPane(string SessionName, int WindowIndex, string PaneId, int PanePid, string SocketPath);
