using Baton.Core.Home;
using Baton.Core.Sessions;

namespace Baton.Core.Notifications;

/// <summary>
/// Notifies a person when a recorded status change deserves it: the <c>notify</c> setting is on and the store grants the
/// notification (<see cref="SessionRegistry.ClaimNotification"/>: a change into waiting_permission or waiting_input,
/// rate-limited per session, one winner among racing hooks). Meant for the hook path and <c>baton watch --notify</c>;
/// a change that does not need a person returns before any file is read.
/// </summary>
public sealed class StatusChangeNotifier
{
    private readonly BatonHome _home;
    private readonly SessionRegistry _registry;
    private readonly INotifier _notifier;

    /// <summary>Creates the notifier.</summary>
    /// <param name="home">Baton's home, for the settings.</param>
    /// <param name="registry">The registry that grants notifications.</param>
    /// <param name="notifier">What sends the notification, usually the platform's <c>DesktopNotifier</c>.</param>
    public StatusChangeNotifier(BatonHome home, SessionRegistry registry, INotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(notifier);
        _home = home;
        _registry = registry;
        _notifier = notifier;
    }

    /// <summary>Sends a notification if the change deserves one.</summary>
    /// <param name="previous">The status before the change; null for a session seen for the first time.</param>
    /// <param name="session">The session as stored after the change.</param>
    /// <param name="force">Notify even when the <c>notify</c> setting is off (<c>baton watch --notify</c>).</param>
    /// <returns>True when a notification was sent.</returns>
    /// <exception cref="UserErrorException">The settings file is malformed.</exception>
    public bool OnStatusChanged(SessionStatus? previous, Session session, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        // A session come to rest at its prompt as it starts or resumes is no news: the person has just started it. Claude
        // Code's session registry may tell of a new session before its SessionStart hook does (first seen, at its prompt).
        if (!session.Status.NeedsPerson() || previous == session.Status || session.LastEvent == HookEvents.SessionStart
            || (previous is null && session.Status == SessionStatus.WaitingInput))
        {
            return false;
        }

        var settings = BatonSettings.Load(_home);
        if (!(force || settings.Notify) || !_registry.ClaimNotification(session.SessionId, previous, settings.NotifyMinInterval))
        {
            return false;
        }

        var notification = NotificationText.For(session, session.Status);
        _notifier.Notify(notification.Title, notification.Body, notification.Urgency);
        return true;
    }
}
