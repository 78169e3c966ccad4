using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="IMessageStore"/> passes, through the <see cref="Messenger"/> as the command line and the MCP
/// server use it. A derived class gives a fresh empty store per test on a clock the test moves (the store dates claims by
/// it) and a second instance on the same store; the store also implements <see cref="IStore"/> and <see cref="ICoordinationStore"/>.
/// </summary>
public abstract partial class MessageContract : IDisposable
{
    /// <summary>The time the test clock starts at.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    /// <summary>A session id.</summary>
    protected const string Ada = "5c0ffee0-1234-4abc-8def-0123456789ab";

    /// <summary>Another session id.</summary>
    protected const string Bob = "b0b0b0b0-5678-4abc-8def-0123456789ab";

    /// <summary>A third session id.</summary>
    protected const string Cy = "c7c7c7c7-9abc-4abc-8def-0123456789ab";

    /// <summary>A person at the command line.</summary>
    protected const string Human = SessionRegistry.HumanActor;

    private readonly List<IMessageStore> _opened = [];
    private IMessageStore? _store;
    private Messenger? _messenger;

    /// <summary>The clock the store dates by; tests move it.</summary>
    protected ManualClock Clock { get; } = new(T0);

    /// <summary>Sessions whose process the registry is to judge gone.</summary>
    protected FakeLiveness Liveness { get; } = new();

    /// <summary>The store under test, created on first use.</summary>
    protected IMessageStore Store => _store ??= Track(CreateStore(Clock));

    /// <summary>A messenger over <see cref="Store"/> with the default inbox limit.</summary>
    protected Messenger Messenger => _messenger ??= MessengerOn(Store);

    /// <summary>Creates a fresh, empty store on <paramref name="clock"/>. Called at most once per test.</summary>
    protected abstract IMessageStore CreateStore(TimeProvider clock);

    /// <summary>Opens another instance (another connection) on the store <see cref="CreateStore"/> made.</summary>
    protected abstract IMessageStore OpenSecondConnection(TimeProvider clock);

    /// <summary>A second instance on the same store and clock, disposed with the test.</summary>
    protected IMessageStore SecondConnection()
    {
        _ = Store;
        return Track(OpenSecondConnection(Clock));
    }

    /// <summary>A messenger over <paramref name="store"/> with the same registry rules.</summary>
    protected Messenger MessengerOn(IMessageStore store, int inboxLimit = MessageLimits.DefaultInboxLimit) =>
        new(store, new SessionRegistry((IStore)store, Liveness, Clock), Clock, inboxLimit);

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

    /// <summary>Releases what the derived class holds, after the stores are disposed.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The whole journal, in order.</summary>
    protected IReadOnlyList<JournalEntry> Journal() => ((ICoordinationStore)Store).QueryJournal(new JournalQuery(AfterSequence: 0, Limit: 1_000_000));

    /// <summary>Runs a change and asserts it appended exactly one journal entry, which it returns.</summary>
    protected JournalEntry OneEntry(Action change)
    {
        var before = Journal().Count;
        change();
        var after = Journal();
        after.Count.ShouldBe(before + 1, "a change appends exactly one journal entry");
        return after[^1];
    }

    /// <summary>Runs something that must not change the store and asserts the journal did not grow.</summary>
    protected void NoEntry(Action action)
    {
        var before = Journal().Count;
        action();
        Journal().Count.ShouldBe(before, "nothing was to be written");
    }

    /// <summary>Asserts a call fails with <typeparamref name="T"/> and writes nothing.</summary>
    protected T RefusedWithoutWriting<T>(Action action)
        where T : Exception
    {
        T? thrown = null;
        NoEntry(() => thrown = Should.Throw<T>(action));
        return thrown!;
    }

    /// <summary>Creates a session row: open and running unless said otherwise.</summary>
    protected void PutSession(string id, string? name = null, string project = "shop", SessionStatus status = SessionStatus.Running, DateTimeOffset? endedAt = null) =>
        ((IStore)Store).UpdateSession(id, _ => new SessionChange(
            new Session
            {
                SessionId = id,
                Name = name,
                Project = project,
                ProjectRoot = "/src/" + project,
                Cwd = "/src/" + project,
                StartedAt = T0,
                UpdatedAt = T0,
                EndedAt = endedAt,
                EndReason = endedAt is null ? null : "prompt_input_exit",
                Status = endedAt is null ? status : SessionStatus.Exited,
            },
            JournalTypes.SessionStatus,
            id,
            null));

    /// <summary>Puts Ada, Bob and Cy, running, in project shop.</summary>
    protected void PutThree()
    {
        PutSession(Ada, "ada");
        PutSession(Bob, "bob");
        PutSession(Cy, "cy");
    }

    private IMessageStore Track(IMessageStore store)
    {
        _opened.Add(store);
        return store;
    }
}
