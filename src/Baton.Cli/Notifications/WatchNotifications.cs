using Baton.Cli.CommandLine;
using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Platform.Notifications;

namespace Baton.Cli.Notifications;

/// <summary><c>baton watch --notify</c>: a desktop notification when a session starts waiting for a person, granted by the
/// store like the hooks' own (<see cref="SessionRegistry.ClaimNotification"/>), so the two never both notify one change.</summary>
internal static class WatchNotifications
{
    /// <summary>Builds the callback the dashboard calls on each status change it sees.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>A callback taking the session as it is now and its previous status.</returns>
    public static Action<Session, SessionStatus> For(CliEnvironment environment) => (session, previous) =>
    {
        var log = new BatonLog(environment.Home);
        using var store = environment.Stores.Open();
        var registry = new SessionRegistry(store, environment.Liveness, environment.Time);
        var notifier = new DesktopNotifier(NotificationPlatforms.Current, Environment.GetEnvironmentVariable("PATH"), Console.Error, message => log.Write("notify", message));
        new StatusChangeNotifier(environment.Home, registry, notifier).OnStatusChanged(previous, session, force: true);
    };
}
