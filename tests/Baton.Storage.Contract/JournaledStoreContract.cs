using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// What the contract suites of Baton's stores share: a fresh store per test on a clock the test moves, a second instance
/// on the same store, and assertions over the journal (every change appends exactly one entry; a refusal writes nothing).
/// The store also implements <see cref="IStore"/>, whose journal the assertions read.
/// </summary>
/// <typeparam name="TStore">The store interface under test.</typeparam>
public abstract class JournaledStoreContract<TStore> : IDisposable
    where TStore : class, IDisposable
{
    /// <summary>The time the test clock starts at.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    /// <summary>A session id.</summary>
    protected const string Ada = "5c0ffee0-1234-4abc-8def-0123456789ab";

    /// <summary>Another session id.</summary>
    protected const string Bob = "b0b0b0b0-5678-4abc-8def-0123456789ab";

    /// <summary>A person at the command line.</summary>
    protected const string Human = SessionRegistry.HumanActor;

    private readonly List<TStore> _opened = [];
    private TStore? _store;

    /// <summary>The clock the store dates by; tests move it.</summary>
    protected ManualClock Clock { get; } = new(T0);

    /// <summary>The store under test, created on first use.</summary>
    protected TStore Store => _store ??= Track(CreateStore(Clock));

    /// <summary>Creates a fresh, empty store on <paramref name="clock"/>. Called at most once per test.</summary>
    /// <param name="clock">The clock the store is to use.</param>
    /// <returns>The store.</returns>
    protected abstract TStore CreateStore(TimeProvider clock);

    /// <summary>Opens another instance (another connection) on the store <see cref="CreateStore"/> made.</summary>
    /// <param name="clock">The clock the store is to use.</param>
    /// <returns>The second instance.</returns>
    protected abstract TStore OpenSecondConnection(TimeProvider clock);

    /// <summary>A second instance on the same store and clock, disposed with the test.</summary>
    /// <returns>The second instance.</returns>
    protected TStore SecondConnection()
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
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The whole journal, in order.</summary>
    /// <returns>Every entry.</returns>
    protected IReadOnlyList<JournalEntry> Journal() => ((IStore)Store).ReadJournal(0, int.MaxValue);

    /// <summary>Runs a change and asserts it appended exactly one journal entry, which it returns.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The entry it appended.</returns>
    protected JournalEntry OneEntry(Action change)
    {
        var before = Journal().Count;
        change();
        var after = Journal();
        after.Count.ShouldBe(before + 1, "a change appends exactly one journal entry");
        return after[^1];
    }

    /// <summary>Runs something that must not change the store and asserts the journal did not grow.</summary>
    /// <param name="action">The action.</param>
    protected void NoEntry(Action action)
    {
        var before = Journal().Count;
        action();
        Journal().Count.ShouldBe(before, "nothing was to be written");
    }

    /// <summary>Asserts a call fails with <typeparamref name="T"/> and writes nothing.</summary>
    /// <typeparam name="T">The exception expected.</typeparam>
    /// <param name="action">The call.</param>
    /// <returns>The exception.</returns>
    protected T RefusedWithoutWriting<T>(Action action)
        where T : Exception
    {
        T? thrown = null;
        NoEntry(() => thrown = Should.Throw<T>(action));
        return thrown!;
    }

    /// <summary>Creates a session row, open or ended (for heartbeats and the abandoned-work sweep).</summary>
    /// <param name="id">The session id.</param>
    /// <param name="endedAt">When it ended, or null for open.</param>
    protected void PutSession(string id, DateTimeOffset? endedAt = null) =>
        ((IStore)Store).UpdateSession(id, _ => new SessionChange(
            new Session { SessionId = id, StartedAt = T0, UpdatedAt = T0, EndedAt = endedAt, Status = endedAt is null ? SessionStatus.Running : SessionStatus.Exited },
            JournalTypes.SessionStatus,
            id,
            null));

    private TStore Track(TStore store)
    {
        _opened.Add(store);
        return store;
    }
}
