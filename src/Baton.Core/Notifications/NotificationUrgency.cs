namespace Baton.Core.Notifications;

/// <summary>How urgent a notification is.</summary>
public enum NotificationUrgency
{
    /// <summary>An ordinary notification, for example a session waiting at its prompt.</summary>
    Normal,

    /// <summary>A notification that should stay until seen, for example a permission prompt (notify-send <c>--urgency=critical</c>).</summary>
    Critical,
}
