using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Notifications;

public sealed class StatusChangeNotifierTests : IDisposable
{
    private readonly TempDirectory _parent = TempDirectory.Create("baton-notifier-");
    private readonly RecordingNotifier _notifier = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteStore _store;
    private readonly SessionRegistry _registry;

    public StatusChangeNotifierTests()
    {
        Home.EnsureCreated();
        _store = SqliteStore.Open(Home.DatabasePath);
        _registry = new SessionRegistry(_store, new NeverGone(), _time);
    }

    private BatonHome Home => new(_parent.Combine("home"));

    [Fact]
    public void Nothing_is_sent_while_notifications_are_off()
    {
        Notifier().OnStatusChanged(SessionStatus.Running, Waiting()).ShouldBeFalse();

        _notifier.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void A_permission_prompt_is_sent_once_then_rate_limited_per_session()
    {
        new BatonSettings { Notify = true, NotifyMinIntervalSeconds = 30 }.Save(Home);
        var notifier = Notifier();

        notifier.OnStatusChanged(SessionStatus.Running, Waiting()).ShouldBeTrue();
        _time.Now += TimeSpan.FromSeconds(10);
        notifier.OnStatusChanged(SessionStatus.Running, Waiting()).ShouldBeFalse();
        notifier.OnStatusChanged(SessionStatus.Running, Waiting("bbbb2222-0000")).ShouldBeTrue();
        _time.Now += TimeSpan.FromSeconds(20);
        notifier.OnStatusChanged(SessionStatus.Running, Waiting()).ShouldBeTrue();

        _notifier.Sent.Count.ShouldBe(3);
        _notifier.Sent[0].ShouldBe(new Notification("Claude needs permission — api", "api main: wants to use Bash", NotificationUrgency.Critical));
        _store.GetSession("aaaa1111-0000").ShouldNotBeNull().NotifiedAt.ShouldBe(_time.Now);
    }

    [Fact]
    public void Of_two_hooks_racing_to_notify_about_one_change_exactly_one_sends()
    {
        new BatonSettings { Notify = true }.Save(Home);
        var session = Waiting();
        using var secondStore = SqliteStore.Open(Home.DatabasePath);
        var second = new StatusChangeNotifier(Home, new SessionRegistry(secondStore, new NeverGone(), _time), _notifier);

        var sent = new[] { Notifier(), second }.AsParallel().Select(n => n.OnStatusChanged(SessionStatus.Running, session)).ToList();

        sent.Count(s => s).ShouldBe(1);
        _notifier.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public void A_wait_marked_seen_gets_no_notification_until_its_status_changes_again()
    {
        new BatonSettings { Notify = true, NotifyMinIntervalSeconds = 0 }.Save(Home);
        var notifier = Notifier();
        var seen = _registry.Acknowledge(Waiting().SessionId, SessionRegistry.HumanActor);

        notifier.OnStatusChanged(SessionStatus.Running, seen).ShouldBeFalse();
        notifier.OnStatusChanged(SessionStatus.Running, seen, force: true).ShouldBeFalse("watch --notify is silenced too");
        _notifier.Sent.ShouldBeEmpty();

        _time.Now += TimeSpan.FromSeconds(1);
        var running = _store.UpdateSession(seen.SessionId, c => new SessionChange(c! with { Status = SessionStatus.Running, UpdatedAt = _time.Now }, "session.status", seen.SessionId, null))!;
        var waitingAgain = _store.UpdateSession(seen.SessionId, c => new SessionChange(c! with { Status = SessionStatus.WaitingPermission, UpdatedAt = _time.Now }, "session.status", seen.SessionId, null))!;
        running.SeenAt.ShouldBeNull();
        notifier.OnStatusChanged(SessionStatus.Running, waitingAgain).ShouldBeTrue();
        _notifier.Sent.ShouldHaveSingleItem();
    }

    [Fact]
    public void Staying_in_the_same_status_sends_nothing_and_watch_notify_works_with_the_setting_off()
    {
        Notifier().OnStatusChanged(SessionStatus.WaitingPermission, Waiting()).ShouldBeFalse();
        _notifier.Sent.ShouldBeEmpty();

        Notifier().OnStatusChanged(SessionStatus.Running, Waiting(), force: true).ShouldBeTrue();
    }

    public void Dispose()
    {
        _store.Dispose();
        _parent.Dispose();
    }

    private Session Waiting(string id = "aaaa1111-0000")
    {
        var session = new Session
        {
            SessionId = id, Project = "api", Branch = "main", Status = SessionStatus.WaitingPermission, LastTool = "Bash",
            StartedAt = _time.Now, UpdatedAt = _time.Now,
        };
        return _store.GetSession(id) ?? _store.UpdateSession(id, _ => new SessionChange(session, "session.status", id, null))!;
    }

    private StatusChangeNotifier Notifier() => new(Home, _registry, _notifier);

    private sealed class RecordingNotifier : INotifier
    {
        public List<Notification> Sent { get; } = [];

        public void Notify(string title, string body, NotificationUrgency urgency)
        {
            lock (Sent)
            {
                Sent.Add(new Notification(title, body, urgency));
            }
        }
    }

    private sealed class NeverGone : ISessionLiveness
    {
        public bool IsGone(Session session) => false;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
