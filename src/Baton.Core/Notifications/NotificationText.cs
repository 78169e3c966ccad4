using Baton.Core.Sessions;

namespace Baton.Core.Notifications;

/// <summary>
/// The words of a notification about a session that needs a person, for example title <c>Claude needs permission — api</c>
/// and body <c>api feature-x: fix the login bug</c> (project, branch, then the task or the last tool used).
/// </summary>
public static class NotificationText
{
    private const int MaxDetailLength = 120;

    /// <summary>Builds the notification for a session that has just entered a status.</summary>
    /// <param name="session">The session as stored after the change.</param>
    /// <param name="status">The status it entered (usually <see cref="Session.Status"/>).</param>
    /// <returns>The notification; <see cref="NotificationUrgency.Critical"/> for a permission prompt.</returns>
    public static Notification For(Session session, SessionStatus status)
    {
        ArgumentNullException.ThrowIfNull(session);
        var headline = status switch
        {
            SessionStatus.WaitingPermission => "Claude needs permission",
            SessionStatus.WaitingInput when FailedTurn(session) is not null => "Claude's turn failed",
            SessionStatus.WaitingInput => "Claude is waiting",
            SessionStatus.Exited => "Claude session ended",
            _ => "Claude is " + status.ToWire().Replace('_', ' '),
        };
        var urgency = status == SessionStatus.WaitingPermission ? NotificationUrgency.Critical : NotificationUrgency.Normal;
        return new Notification($"{headline} — {Label(session)}", Body(session, status), urgency);
    }

    /// <summary>What a person calls the session: its name, else its project, else its short id.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The label.</returns>
    public static string Label(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return NonBlank(session.Name) ?? NonBlank(session.Project) ?? SessionRegistry.ShortId(session.SessionId);
    }

    private static string Body(Session session, SessionStatus status)
    {
        var where = string.Join(' ', new[] { NonBlank(session.Project), NonBlank(session.Branch) }.OfType<string>());
        if (where.Length == 0)
        {
            where = SessionRegistry.ShortId(session.SessionId);
        }

        var detail = NonBlank(session.Task)
            ?? (status == SessionStatus.WaitingInput ? FailedTurn(session) : null)
            ?? (NonBlank(session.LastTool) is { } tool
                ? (status == SessionStatus.WaitingPermission ? "wants to use " : "last used ") + tool
                : null);
        return detail is null ? where : $"{where}: {Shorten(detail.ReplaceLineEndings(" "))}";
    }

    private static string? FailedTurn(Session session) => NonBlank(StatusModel.FailedTurnError(session));

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..(MaxDetailLength - 1)] + "…";
}
