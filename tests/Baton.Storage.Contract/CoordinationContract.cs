using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="ICoordinationStore"/> passes, through the <see cref="Core.Coordination.Coordinator"/> as the MCP
/// server and the command line use it. A derived class gives a fresh empty store per test on a clock the test moves (the
/// store judges expiry by it) and a second instance on the same store; the store also implements <see cref="IStore"/>.
/// </summary>
public abstract partial class CoordinationContract : IDisposable
{
    /// <summary>The time the test clock starts at.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    /// <summary>A session id used as the actor.</summary>
    protected const string Ada = "5c0ffee0-1234-4abc-8def-0123456789ab";

    /// <summary>Another session id.</summary>
    protected const string Bob = "b0b0b0b0-5678-4abc-8def-0123456789ab";

    /// <summary>A person at the command line.</summary>
    protected const string Human = SessionRegistry.HumanActor;

    private readonly List<ICoordinationStore> _opened = [];
    private ICoordinationStore? _store;
    private Coordinator? _coordinator;

    /// <summary>The clock the store judges time by; tests move it.</summary>
    protected ManualClock Clock { get; } = new(T0);

    /// <summary>The store under test, created on first use.</summary>
    protected ICoordinationStore Store => _store ??= Track(CreateStore(Clock));

    /// <summary>A coordinator over <see cref="Store"/>.</summary>
    protected Coordinator Coordinator => _coordinator ??= new Coordinator(Store, Clock);

    /// <summary>Creates a fresh, empty store on <paramref name="clock"/>. Called at most once per test.</summary>
    protected abstract ICoordinationStore CreateStore(TimeProvider clock);

    /// <summary>Opens another instance (another connection) on the store <see cref="CreateStore"/> made.</summary>
    protected abstract ICoordinationStore OpenSecondConnection(TimeProvider clock);

    /// <summary>A second instance on the same store and clock, disposed with the test.</summary>
    protected ICoordinationStore SecondConnection()
    {
        _ = Store;
        return Track(OpenSecondConnection(Clock));
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

    /// <summary>Releases what the derived class holds, after the stores are disposed.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The whole journal, in order.</summary>
    protected IReadOnlyList<JournalEntry> Journal() => Store.QueryJournal(new JournalQuery(AfterSequence: 0, Limit: 1_000_000));

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

    /// <summary>Creates an open session row (for heartbeats).</summary>
    protected void PutSession(string id, DateTimeOffset? endedAt = null) =>
        ((IStore)Store).UpdateSession(id, _ => new SessionChange(
            new Session { SessionId = id, StartedAt = T0, UpdatedAt = T0, EndedAt = endedAt, Status = endedAt is null ? SessionStatus.Running : SessionStatus.Exited },
            JournalTypes.SessionStatus,
            id,
            null));

    private ICoordinationStore Track(ICoordinationStore store)
    {
        _opened.Add(store);
        return store;
    }
}
