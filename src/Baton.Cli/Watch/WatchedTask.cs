namespace Baton.Cli.Watch;

/// <summary>One task as the dashboard's task pane shows it, every field already in words.</summary>
/// <param name="Id">Its id, e.g. <c>#3</c>.</param>
/// <param name="State"><c>ready</c>, <c>blocked</c>, <c>claimed</c>, <c>in_progress</c>, <c>completed</c> or <c>cancelled</c>.</param>
/// <param name="Owner">Who owns it (a session's name or short id, or a native task's owner text), or <c>-</c>.</param>
/// <param name="BlockedBy">Its open blockers (<c>#1, #2</c>), or <c>-</c>.</param>
/// <param name="Subject">Its subject.</param>
internal sealed record WatchedTask(string Id, string State, string Owner, string BlockedBy, string Subject);
