using Baton.Cli.Watch;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Watch;

/// <summary>The dashboard's feed follows the journal of a real SQLite store.</summary>
public sealed class SessionFeedTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-watch-");
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly SqliteStore _store;
    private readonly SessionRegistry _registry;
    private readonly SessionFeed _feed;

    public SessionFeedTests()
    {
        _store = SqliteStore.Open(_directory.Combine("baton.db"));
        var liveness = new SetLiveness(_gone);
        _registry = new SessionRegistry(_store, liveness, TimeProvider.System);
        _feed = new SessionFeed(_store, _store, _registry, liveness);
    }

    [Fact]
    public void Poll_reads_the_session_list_only_when_the_journal_moved()
    {
        _feed.Start();
        _feed.Sessions.ShouldBeEmpty();
        _feed.Poll().ShouldBeNull();

        Record("s1", HookEvents.UserPromptSubmit);
        _feed.Poll().ShouldNotBeNull().ShouldBeEmpty("a new session is not a change of status");
        _feed.Sessions.Single().Status.ShouldBe(SessionStatus.Running);
        _feed.Poll().ShouldBeNull();

        Record("s1", HookEvents.PermissionRequest);
        var change = _feed.Poll().ShouldNotBeNull().Single();
        change.Session.Status.ShouldBe(SessionStatus.WaitingPermission);
        change.Previous.ShouldBe(SessionStatus.Running);
        _feed.Sequence.ShouldBe(_store.ReadJournal(0, 100).Last().Sequence);
    }

    [Fact]
    public void Unread_counts_are_read_again_when_a_message_is_sent_or_read()
    {
        Record("s1", HookEvents.UserPromptSubmit);
        Record("s2", HookEvents.UserPromptSubmit);
        _feed.Start();
        var messenger = new Messenger(_store, _registry, TimeProvider.System);

        messenger.Send("s1", "one", "s2");
        messenger.Send("s1", "two", SessionRegistry.HumanActor);
        _feed.Poll().ShouldNotBeNull();
        var unread = _feed.Watched.ToDictionary(w => w.Session.SessionId, w => w.Unread);
        messenger.Inbox("s1");
        _feed.Poll().ShouldNotBeNull();

        unread.ShouldBe(new Dictionary<string, int> { ["s1"] = 2, ["s2"] = 0 });
        _feed.Watched.ShouldAllBe(w => w.Unread == 0);
    }

    [Fact]
    public void A_process_that_died_without_a_hook_is_caught_by_the_liveness_check()
    {
        Record("s1", HookEvents.Stop);
        Record("s2", HookEvents.UserPromptSubmit);
        _feed.Start();
        _feed.CheckLiveness().ShouldBeNull();

        _gone.Add("s1");

        var change = _feed.CheckLiveness().ShouldNotBeNull().Single();
        change.Session.SessionId.ShouldBe("s1");
        change.Session.Status.ShouldBe(SessionStatus.Exited);
        change.Previous.ShouldBe(SessionStatus.WaitingInput);
        _feed.Sessions.Select(s => s.SessionId).ShouldBe(["s2"]);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_prompt_waiting_since_long_before_the_journals_end_shows_its_whole_wait()
    {
        var waitingSince = DateTimeOffset.UtcNow.AddHours(-3);
        Record("idle", HookEvents.Stop, waitingSince);
        for (var i = 0; i < 2_500; i++)
        {
            Record("busy", i % 2 == 0 ? HookEvents.PreToolUse : HookEvents.PostToolUse);
        }

        Record("idle", HookEvents.Notification, DateTimeOffset.UtcNow.AddMinutes(-1));
        _feed.Start();

        var idle = _feed.Watched.Single(w => w.Session.SessionId == "idle");
        idle.Session.Status.ShouldBe(SessionStatus.WaitingInput);
        idle.StatusSince.ShouldBe(waitingSince, TimeSpan.FromMilliseconds(1), "later events that keep the status do not restart its clock");
        idle.Session.UpdatedAt.ShouldBeGreaterThan(waitingSince.AddHours(2));
    }

    private void Record(string id, string eventName, DateTimeOffset? at = null) => _registry.Record(new HookObservation
    {
        SessionId = id,
        EventName = eventName,
        Order = HookEventOrder.Compose((at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(), eventName),
        Cwd = _directory.Path,
        At = at ?? DateTimeOffset.UtcNow,
    });

    private sealed class SetLiveness(HashSet<string> gone) : ISessionLiveness
    {
        public bool IsGone(Session session) => gone.Contains(session.SessionId);
    }
}
