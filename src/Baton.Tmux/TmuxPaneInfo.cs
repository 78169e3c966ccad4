namespace Baton.Tmux;

/// <summary>One pane of a server, as <see cref="TmuxClient.ListPanes"/> reports it.</summary>
/// <param name="SessionName">The session the pane's window belongs to.</param>
/// <param name="WindowIndex">The window's index within the session.</param>
/// <param name="PaneId">The server-wide pane id, such as <c>%3</c>.</param>
/// <param name="PanePid">The process id of the command tmux started in the pane.</param>
/// <param name="CurrentCommand">The name of the pane's foreground process, such as <c>claude</c> or <c>bash</c>.</param>
/// <param name="IsDead">Whether the pane's command has exited while the pane is kept (<c>remain-on-exit</c>).</param>
public sealed record TmuxPaneInfo(string SessionName, int WindowIndex, string PaneId, int PanePid, string CurrentCommand, bool IsDead);
