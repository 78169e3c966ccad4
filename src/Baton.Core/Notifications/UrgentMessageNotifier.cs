using Baton.Core.Home;
using Baton.Core.Messages;
using Baton.Core.Sessions;

namespace Baton.Core.Notifications;

/// <summary>
/// Raises a desktop notification for an urgent message once it is stored, when the <c>notify</c> setting is on
/// (<c>baton notify on</c>): title <c>Urgent message for api, web</c> (the recipients' labels), body <c>from alice: …</c>,
/// urgency critical. Not urgent, or the setting off or unreadable: nothing happens. The message is already sent, so this
/// never throws for a settings problem; the notifier reports its own failures.
/// </summary>
public sealed class UrgentMessageNotifier
{
    private const int MaxBodyLength = 200;

    private readonly BatonHome _home;
    private readonly SessionRegistry _registry;
    private readonly INotifier _notifier;

    /// <summary>Creates the notifier.</summary>
    /// <param name="home">Baton's home, for the settings.</param>
    /// <param name="registry">The registry, to name senders and recipients.</param>
    /// <param name="notifier">What sends the notification, usually the platform's <c>DesktopNotifier</c>.</param>
    public UrgentMessageNotifier(BatonHome home, SessionRegistry registry, INotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(notifier);
        _home = home;
        _registry = registry;
        _notifier = notifier;
    }

    /// <summary>Notifies about a message just sent, if it is urgent and notifications are on.</summary>
    /// <param name="message">The message as stored.</param>
    /// <returns>True when a notification was sent.</returns>
    public bool OnSent(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Urgent)
        {
            return false;
        }

        try
        {
            if (!BatonSettings.Load(_home).Notify)
            {
                return false;
            }
        }
        catch (UserErrorException)
        {
            return false;
        }

        var to = string.Join(", ", message.Recipients.Select(r => Label(r.Recipient)));
        var body = message.Body.ReplaceLineEndings(" ");
        body = body.Length <= MaxBodyLength ? body : body[..(MaxBodyLength - 1)] + "…";
        _notifier.Notify($"Urgent message for {to}", $"from {Label(message.Sender)}: {body}", NotificationUrgency.Critical);
        return true;
    }

    /// <summary>What a person calls a sender or recipient (<see cref="NotificationText.Label"/>): one read of that session,
    /// not of every session; <c>human</c>, or an id no longer stored, as it is.</summary>
    private string Label(string actor)
    {
        if (actor == SessionRegistry.HumanActor)
        {
            return actor;
        }

        try
        {
            return NotificationText.Label(_registry.Resolve(actor));
        }
        catch (UserErrorException)
        {
            return actor;
        }
    }
}
