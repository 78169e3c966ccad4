using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Storage.Copy;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite of <c>baton store copy</c> (<see cref="StoreCopy"/>) every store passes as source and as target: everything
/// kept arrives once, numbered rows renumbered with their references, and a second copy writes nothing; and the identity
/// every store records (a session's OS user, each journal entry's <c>user@host</c>). A derived class gives fresh, empty
/// stores (each call another store).
/// </summary>
public abstract class CopyContract : IDisposable
{
    private const string Ada = "5c0ffee0-1234-4abc-8def-0123456789ab";
    private const string Bob = "b0b0b0b0-5678-4abc-8def-0123456789ab";
    private const string Cy = "c7c7c7c7-9abc-4abc-8def-0123456789ab";
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly List<IBatonStore> _opened = [];

    /// <summary>Creates a fresh, empty store, another one each call.</summary>
    /// <returns>The store.</returns>
    protected abstract IBatonStore CreateStore();

    [Fact]
    public void A_copy_brings_every_kind_once_and_a_second_copy_brings_nothing()
    {
        var source = Open();
        var target = Open();
        Fill(source);

        var expected = new Dictionary<string, int>(Expected) { ["journal"] = source.ReadJournal(0, 10_000).Count };

        var first = Counts(StoreCopy.Run(source, target, "human"));
        var journalAfterFirst = target.ReadJournal(0, 10_000);
        var second = Counts(StoreCopy.Run(source, target, "human"));

        first.ShouldBe(expected, "the rows copied per kind the first time");
        second.Values.ShouldAllBe(copied => copied == 0, "a second copy writes nothing");
        target.ReadJournal(0, 10_000).ShouldBe(journalAfterFirst, "a copy that writes nothing journals nothing");
        journalAfterFirst.Last().Type.ShouldBe(JournalTypes.StoreCopied);
    }

    [Fact]
    public void Copied_rows_read_back_as_they_were_with_messages_renumbered_into_their_threads()
    {
        var source = Open();
        var target = Open();
        target.UpdateSession(Cy, _ => new SessionChange(new Session { SessionId = Cy, StartedAt = T0, UpdatedAt = T0 }, JournalTypes.SessionStatus, Cy, null));
        var own = target.SendMessage(new MessageDraft(Cy, [Cy], "already in the team store", false), 100);
        Fill(source);

        StoreCopy.Run(source, target, "human");

        target.GetSession(Ada).ShouldBe(source.GetSession(Ada));
        target.GetSession(Bob).ShouldNotBeNull().User.ShouldBe("bob", "a session's user is copied");
        target.GetSession(Bob).ShouldNotBeNull().IsEnded.ShouldBeTrue();
        var inbox = target.ReadInbox(Bob, unreadOnly: false, markRead: false, limit: 10, actor: "human");
        var question = inbox.ShouldHaveSingleItem();
        question.Body.ShouldBe("question");
        var thread = target.GetThread(question.ThreadId);
        thread.Select(m => m.Body).ShouldBe(["question", "answer"]);
        thread[0].Id.ShouldBe(question.ThreadId, "a thread is numbered by its first message");
        thread[1].ReplyTo.ShouldBe(question.Id);
        thread[1].Recipients.ShouldHaveSingleItem().ReadAt.ShouldNotBeNull("a read message stays read");
        var coordinator = new Coordinator(target, TimeProvider.System);
        coordinator.RetrieveData("plan", "step").ShouldNotBeNull().Version.ShouldBe(2);
        coordinator.ListLocks().ShouldHaveSingleItem().Holder.ShouldBe(Ada);
        coordinator.ListQueue("work").Select(i => i.ItemJson).ShouldBe(["1", "2"]);
        coordinator.ListHandoffs(includeTaken: true).ShouldHaveSingleItem().Subject.ShouldBe("auth");
        new TaskBoard(target).List("plan", new TaskFilter()).Select(t => t.Subject).ShouldBe(["design", "build"]);
        var copiedEvent = target.QueryJournal(new JournalQuery(0, "event.deploy", null, 10)).ShouldHaveSingleItem();
        copiedEvent.Actor.ShouldBe(Ada);
        copiedEvent.Origin.ShouldBe(ThisProcess.Origin, "a copied entry keeps where it was made");
        question.Id.ShouldNotBe(own.Id, "a copied message is numbered anew");
        target.QueryJournal(new JournalQuery(0, MessageJournalTypes.Sent, null, 10)).Select(e => e.Subject).ShouldBe(
            [MessageJournalTypes.MessageSubject(own.Id), MessageJournalTypes.MessageSubject(question.Id), MessageJournalTypes.MessageSubject(thread[1].Id)],
            "a copied message's entries name its new number");
    }

    [Fact]
    public void A_task_list_the_target_has_keeps_its_own_tasks()
    {
        var source = Open();
        var target = Open();
        new TaskBoard(source).Add("plan", "theirs", null, 0, null, [], "human");
        new TaskBoard(target).Add("plan", "ours", null, 0, null, [], "human");

        StoreCopy.Run(source, target, "human");

        new TaskBoard(target).List("plan", new TaskFilter()).Select(t => t.Subject).ShouldBe(["ours"]);
    }

    [Fact]
    public void A_store_is_not_copied_into_itself()
    {
        var store = Open();

        Should.Throw<UserErrorException>(() => StoreCopy.Run(store, store, "human")).Message.ShouldNotContain("\n");
    }

    [Fact]
    public void Every_change_records_this_process_as_its_origin_and_a_session_keeps_its_user()
    {
        var store = Open();

        store.UpdateSession(Ada, _ => new SessionChange(new Session { SessionId = Ada, Host = "laptop", User = "ada", StartedAt = T0, UpdatedAt = T0 }, JournalTypes.SessionStatus, Ada, null));
        store.AppendEvent("event.deploy", "deploy", Ada, null);
        new Coordinator(store, TimeProvider.System).StoreData("plan", "step", "1", null, Ada);

        store.ReadJournal(0, 100).Select(e => e.Origin).ShouldAllBe(origin => origin == ThisProcess.Origin);
        ThisProcess.Origin.ShouldBe($"{Environment.UserName}@{ThisProcess.HostName}[{Environment.ProcessId}]");
        store.GetSession(Ada).ShouldNotBeNull().User.ShouldBe("ada");
        store.ListSessions(SessionFilter.Open).ShouldHaveSingleItem().User.ShouldBe("ada");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the derived class holds after the stores are disposed.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>What <see cref="Fill"/> puts in a store, as a first copy reports it.</summary>
    private static Dictionary<string, int> Expected => new()
    {
        ["sessions"] = 1,
        ["history"] = 1,
        ["state"] = 1,
        ["locks"] = 1,
        ["handoffs"] = 1,
        ["queue_items"] = 2,
        ["messages"] = 2,
        ["recipients"] = 2,
        ["task_lists"] = 1,
        ["tasks"] = 2,
        ["task_dependencies"] = 1,
    };

    private static Dictionary<string, int> Counts(IReadOnlyList<StoreCopyCount> counts) => counts.ToDictionary(c => c.Kind, c => c.Copied);

    /// <summary>Puts one or more rows of every kind into a store, each change with its journal entry.</summary>
    private static void Fill(IBatonStore store)
    {
        store.UpdateSession(Ada, _ => new SessionChange(new Session { SessionId = Ada, Name = "ada", Host = "laptop", User = "ada", Dirty = true, StopPending = true, StartedAt = T0, UpdatedAt = T0 }, JournalTypes.SessionStatus, Ada, null));
        var bob = new Session { SessionId = Bob, Host = "desk", User = "bob", StartedAt = T0, UpdatedAt = T0 };
        store.UpdateSession(Bob, _ => new SessionChange(bob, JournalTypes.SessionStatus, Bob, null));
        var coordinator = new Coordinator(store, TimeProvider.System);
        coordinator.StoreData("plan", "step", "1", null, Ada);
        coordinator.StoreData("plan", "step", "2", 1, Ada);
        coordinator.AcquireLock("deploy", TimeSpan.FromHours(1), Ada).Granted.ShouldBeTrue();
        coordinator.CreateHandoff("auth", "finish the tests", "{}", Ada);
        coordinator.Enqueue("work", "1", Ada);
        coordinator.Enqueue("work", "2", Ada);
        var question = store.SendMessage(new MessageDraft(Ada, [Bob], "question", true), 100);
        var answer = store.SendMessage(new MessageDraft(Bob, [Ada], "answer", false, question.Id, question.ThreadId), 100);
        store.ReadInbox(Ada, unreadOnly: true, markRead: true, limit: 10, actor: Ada).ShouldHaveSingleItem().Id.ShouldBe(answer.Id);
        store.UpdateSession(Bob, _ => new SessionChange(bob with { Status = SessionStatus.Exited, EndedAt = T0.AddHours(1) }, JournalTypes.SessionStatus, Bob, null));
        var board = new TaskBoard(store);
        var design = board.Add("plan", "design", null, 0, null, [], Ada);
        board.Add("plan", "build", null, 0, null, [design.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Ada);
        store.AppendEvent("event.deploy", "deploy", Ada, null);
    }

    private IBatonStore Open()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }
}
