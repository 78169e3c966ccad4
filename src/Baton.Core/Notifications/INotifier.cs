namespace Baton.Core.Notifications;

/// <summary>Tells a person something happened: a desktop notification, a terminal bell, or a test's recording.</summary>
public interface INotifier
{
    /// <summary>Sends a notification of <see cref="NotificationUrgency.Normal"/> urgency.</summary>
    /// <param name="title">The title, one short line.</param>
    /// <param name="body">The body.</param>
    void Notify(string title, string body) => Notify(title, body, NotificationUrgency.Normal);

    /// <summary>Sends a notification. Implementations never throw and return quickly; failures go to their own report.</summary>
    /// <param name="title">The title, one short line.</param>
    /// <param name="body">The body.</param>
    /// <param name="urgency">How urgent it is; <see cref="NotificationUrgency.Critical"/> for permission prompts.</param>
    void Notify(string title, string body, NotificationUrgency urgency);
}
