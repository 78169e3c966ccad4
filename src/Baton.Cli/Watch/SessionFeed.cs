using Baton.Core.Journal;
using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Cli.Watch;

/// <summary>
/// The live sessions, their unread message counts, the person's unread messages and the task lists the sessions work, kept current by following the journal: <see cref="Poll"/> reads the
/// journal after the last sequence number seen (usually nothing: one indexed read) and re-reads the session list and the
/// counts only when entries arrived (a message sent, delivered or read is an entry too); <see cref="CheckLiveness"/>
/// catches a process that died without a hook (it writes no journal entry). Not thread-safe: one thread uses the store.
/// </summary>
internal sealed class SessionFeed
{
    private const int PageSize = 1000;
    private readonly IStore _store;
    private readonly IMessageStore _messages;
    private readonly SessionRegistry _registry;
    private readonly ISessionLiveness _liveness;
    private readonly Func<IReadOnlyList<Session>, IReadOnlyList<WatchedTaskList>>? _taskLists;
    private readonly Func<int>? _spooled;
    private IReadOnlyDictionary<string, int> _unread = System.Collections.ObjectModel.ReadOnlyDictionary<string, int>.Empty;
    private long _sequence;

    /// <summary>Creates a feed.</summary>
    /// <param name="store">The store whose journal is followed.</param>
    /// <param name="messages">The messages of the same store, for the unread counts.</param>
    /// <param name="registry">The registry over the same store, which lists sessions as they are now.</param>
    /// <param name="liveness">Judges whether a session's process is gone.</param>
    /// <param name="taskLists">Reads the task lists the live sessions work (<see cref="WatchedTaskList.Read"/>), with the
    /// sessions each time they are read; null shows none.</param>
    /// <param name="spooled">Counts the hook events waiting in the spool (<see cref="Hooks.HookSpool.Count"/>): they are
    /// not in the store, so no journal entry tells of them; null counts none.</param>
    public SessionFeed(
        IStore store, IMessageStore messages, SessionRegistry registry, ISessionLiveness liveness,
        Func<IReadOnlyList<Session>, IReadOnlyList<WatchedTaskList>>? taskLists = null, Func<int>? spooled = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(liveness);
        _store = store;
        _messages = messages;
        _registry = registry;
        _liveness = liveness;
        _taskLists = taskLists;
        _spooled = spooled;
    }

    /// <summary>The live sessions as last read.</summary>
    public IReadOnlyList<Session> Sessions { get; private set; } = [];

    /// <summary>The task lists the live sessions work, as last read (re-read with the sessions: a task change, Baton's or a
    /// native one a hook journaled as <see cref="Core.Tasks.TaskJournalTypes.Native"/>, is a journal entry; and by
    /// <see cref="ReloadTaskLists"/> when a native list's files changed).</summary>
    public IReadOnlyList<WatchedTaskList> TaskLists { get; private set; } = [];

    /// <summary>The person's unread messages as last read (read without marking them read).</summary>
    public PersonInbox Person { get; private set; } = PersonInbox.Empty;

    /// <summary>How many hook events waited in the spool when last counted (with the sessions, and at each liveness check).</summary>
    public int Spooled { get; private set; }

    /// <summary>The last journal sequence number read.</summary>
    public long Sequence => _sequence;

    /// <summary>The sessions with since when their status holds and their unread counts.</summary>
    public IReadOnlyList<WatchedSession> Watched =>
        Sessions.Select(s => new WatchedSession(s, s.StatusSince ?? s.UpdatedAt, _unread.GetValueOrDefault(s.SessionId))).ToList();

    /// <summary>Starts following the journal at its end, and reads the session list and the unread counts.</summary>
    public void Start()
    {
        _sequence = _store.LastSequence();
        Sessions = List();
    }

    /// <summary>Reads journal entries after the last one seen; when there are any, re-reads the session list and the unread counts.</summary>
    /// <returns>The status changes since the last reading, or null when nothing was journaled (nothing was re-read).</returns>
    public IReadOnlyList<StatusChange>? Poll() => ReadNew() == 0 ? null : Reload();

    /// <summary>Asks whether any listed session's process is gone, and counts the spool; when a process is gone or the count
    /// changed, re-reads the session list.</summary>
    /// <returns>The status changes, or null when all processes run and the spool is as it was (nothing was re-read).</returns>
    public IReadOnlyList<StatusChange>? CheckLiveness() =>
        Sessions.Any(_liveness.IsGone) || (_spooled?.Invoke() ?? 0) != Spooled ? Reload() : null;

    /// <summary>Reads new journal entries, then re-reads the session list whatever they were (after an action).</summary>
    /// <returns>The status changes.</returns>
    public IReadOnlyList<StatusChange> Refresh()
    {
        ReadNew();
        return Reload();
    }

    /// <summary>Reads the task lists again for the sessions as last read: a native list's files changed, which the journal
    /// does not tell when no hook saw the change.</summary>
    public void ReloadTaskLists() => TaskLists = _taskLists?.Invoke(Sessions) ?? [];

    private IReadOnlyList<StatusChange> Reload()
    {
        var before = Sessions;
        Sessions = List();
        return StatusChange.Between(before, Sessions);
    }

    private List<Session> List()
    {
        _unread = _messages.CountUnread();
        var personal = _unread.GetValueOrDefault(SessionRegistry.HumanActor);
        Person = personal == 0
            ? PersonInbox.Empty
            : new PersonInbox(personal, _messages.ReadInbox(SessionRegistry.HumanActor, unreadOnly: true, markRead: false, PersonInbox.Shown, SessionRegistry.HumanActor));
        var sessions = _registry.List(includeEnded: false).ToList();
        Spooled = _spooled?.Invoke() ?? 0;
        TaskLists = _taskLists?.Invoke(sessions) ?? [];
        return sessions;
    }

    private int ReadNew()
    {
        var count = 0;
        while (true)
        {
            var page = _store.ReadJournal(_sequence, PageSize);
            foreach (var entry in page)
            {
                count++;
                _sequence = entry.Sequence;
            }

            if (page.Count < PageSize)
            {
                return count;
            }
        }
    }
}
