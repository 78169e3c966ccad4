using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="IStore"/> passes. A derived class gives a fresh empty store per test and a way to reach the
/// same store through a second instance; xunit runs the facts declared here once per derived class.
/// </summary>
public abstract partial class StoreContract : IDisposable
{
    /// <summary>A time with milliseconds, in UTC, that the sample sessions start at.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly List<IStore> _opened = [];
    private IStore? _store;

    /// <summary>The store under test, created on first use.</summary>
    protected IStore Store => _store ??= Track(CreateStore());

    /// <summary>How far a journal entry's time may be from the test's clock (the store may use another clock).</summary>
    protected virtual TimeSpan ClockTolerance => TimeSpan.FromSeconds(2);

    /// <summary>Creates a fresh, empty store. Called at most once per test.</summary>
    /// <returns>The store.</returns>
    protected abstract IStore CreateStore();

    /// <summary>Opens another instance on the store <see cref="CreateStore"/> made (another connection).</summary>
    /// <returns>The second instance.</returns>
    protected abstract IStore OpenSecondConnection();

    /// <summary>Opens a second instance on the same store, disposed with the test.</summary>
    /// <returns>The second instance.</returns>
    protected IStore SecondConnection()
    {
        _ = Store;
        return Track(OpenSecondConnection());
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

    /// <summary>Releases what the derived class holds (temp folders, databases) after the stores are disposed.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>A session with only the required members set.</summary>
    protected static Session Minimal(string id, DateTimeOffset? startedAt = null) => new()
    {
        SessionId = id,
        StartedAt = startedAt ?? T0,
        UpdatedAt = startedAt ?? T0,
        StatusSince = startedAt ?? T0,
    };

    /// <summary>A session with every member set to a value that differs from its default.</summary>
    protected static Session Full(string id) => new()
    {
        SessionId = id,
        Name = "refactor-auth",
        Status = SessionStatus.WaitingPermission,
        StatusReason = "needs a person ✓",
        Cwd = "/home/ada/src/baton/src",
        ProjectRoot = "/home/ada/src/baton",
        Project = "baton",
        Branch = "feature/säkerhet",
        Dirty = true,
        Pid = int.MaxValue,
        ProcessStart = 174_193_601_358L,
        Host = "ada-laptop.local",
        User = "ada-ä",
        TranscriptPath = "/home/ada/.claude/projects/-home-ada-src-baton/" + id + ".jsonl",
        Model = "claude-opus-4-1",
        Task = "Fix the 'quoted' \"task\"; DROP TABLE sessions; --",
        LastEvent = HookEvents.PermissionRequest,
        LastTool = "Bash",
        StartedAt = T0,
        UpdatedAt = T0.AddMilliseconds(1_234),
        EndedAt = T0.AddHours(1).AddMilliseconds(7),
        EndReason = "prompt_input_exit",
        ActiveSubagents = 3,
        StopPending = true,
        EventOrder = long.MaxValue,
        LaunchId = "launch-0f0e",
        TmuxSocket = "/tmp/tmux-1000/default",
        TmuxPane = "%12",
        NotifiedAt = T0.AddMinutes(5),
        StatusSince = T0.AddMilliseconds(1_234),
        TaskList = "auth-tasks",
        RestoredAt = T0.AddHours(2),
        ProcessBootId = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
        ProcessStartTicks = 98_765_432L,
        TeamName = "session-0f0e1d2c",
        AgentName = "reviewer-ä",
        ParentSessionId = "0f0e1d2c-0000-4000-8000-000000000001",
    };

    /// <summary>Stores a session as it is, with one journal entry.</summary>
    protected Session? Put(Session session, string type = JournalTypes.SessionActivity, string actor = "human", string? data = null, IStore? store = null) =>
        (store ?? Store).UpdateSession(session.SessionId, _ => new SessionChange(session, type, actor, data));

    /// <summary>The whole journal, in order.</summary>
    protected IReadOnlyList<JournalEntry> Journal(IStore? store = null) => (store ?? Store).ReadJournal(0, 100_000);

    /// <summary>The current time truncated to milliseconds, for bounds on journal times.</summary>
    protected static DateTimeOffset NowToTheMillisecond() =>
        DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private IStore Track(IStore store)
    {
        _opened.Add(store);
        return store;
    }
}
