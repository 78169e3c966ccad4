namespace Baton.Core.Notifications;

/// <summary>A notification ready to send.</summary>
/// <param name="Title">The title, one short line.</param>
/// <param name="Body">The body.</param>
/// <param name="Urgency">How urgent it is.</param>
public sealed record Notification(string Title, string Body, NotificationUrgency Urgency);
