using Baton.Core.Journal;
using Baton.Core.Sessions;

namespace Baton.Core.Storage;

/// <summary>
/// Baton's store: sessions and the journal. Every change runs in one transaction that also appends its journal entry,
/// so a crash leaves the old state or the new one. Implementations: SQLite (default) and PostgreSQL (the team store); all pass the
/// contract suite in <c>tests/Baton.Storage.Contract</c>. Instances are not thread-safe; processes may share a store.
/// </summary>
public interface IStore : IDisposable
{
    /// <summary>The schema version of the store (the number of migrations applied).</summary>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    int SchemaVersion { get; }

    /// <summary>Reads one session by its exact id.</summary>
    /// <param name="sessionId">The full session id.</param>
    /// <returns>The session, or null when unknown.</returns>
    Session? GetSession(string sessionId);

    /// <summary>Lists sessions, oldest start first.</summary>
    /// <param name="filter">Which sessions.</param>
    /// <returns>The sessions.</returns>
    IReadOnlyList<Session> ListSessions(SessionFilter filter);

    /// <summary>
    /// Reads the sessions <see cref="ListSessions"/> returns, in the same order, one at a time as the caller asks for them,
    /// so a long listing is never held in memory whole. Enumerate it to the end or dispose the enumerator; do not change the
    /// store while enumerating.
    /// </summary>
    /// <param name="filter">Which sessions.</param>
    /// <returns>The sessions, read lazily.</returns>
    IEnumerable<Session> ReadSessions(SessionFilter filter);

    /// <summary>Finds sessions whose id starts with <paramref name="text"/>, or whose name or launch id
    /// (<see cref="Session.LaunchId"/>) equals it (ended ones too).</summary>
    /// <param name="text">An id prefix, a name or a launch id; matched literally (no wildcards).</param>
    /// <returns>The matching sessions.</returns>
    IReadOnlyList<Session> FindSessions(string text);

    /// <summary>
    /// Reads a session, lets <paramref name="change"/> decide its next state, and writes that state with one journal entry,
    /// all in one write transaction that other writers wait for (a read-modify-write without lost updates). The store keeps
    /// <see cref="Session.StatusSince"/> itself: the change's <see cref="Session.UpdatedAt"/> when the status changes (or the
    /// session is new), else the stored value; and it clears <see cref="Session.SeenAt"/> when the status changes (a new
    /// session has none), else stores the change's value.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="change">Given the stored session (null when new), returns the change, or null to change nothing.
    /// It may run more than once if the store retries the transaction, so it must not have side effects; and it runs while
    /// the write lock is held, so it must not look at the machine (processes, files, git): decide that before, on the row
    /// as read, and write only if it is unchanged (as <c>SessionRegistry</c> does).</param>
    /// <returns>The session as stored afterwards (null when it did not exist and nothing was written).</returns>
    /// <exception cref="ArgumentException">The change's session id differs from <paramref name="sessionId"/>.</exception>
    /// <exception cref="SessionNameTakenException">The change gives the session a name an open session already has.</exception>
    Session? UpdateSession(string sessionId, Func<Session?, SessionChange?> change);

    /// <summary>
    /// Like <see cref="UpdateSession"/>, but <paramref name="change"/> is also given the most recently started other
    /// session (not <paramref name="sessionId"/>) launched with <paramref name="launchId"/> (<see cref="Session.LaunchId"/>),
    /// so a row made by <c>baton new</c> can be
    /// bound to Claude Code's <c>session_id</c>: a change with <see cref="SessionChange.Replaces"/> deletes that row.
    /// </summary>
    /// <param name="sessionId">The session id the change writes.</param>
    /// <param name="launchId">The launch id.</param>
    /// <param name="change">Given the stored session (null when new) and the launched one (null when none), returns the change or null.</param>
    /// <returns>The session as stored afterwards.</returns>
    /// <exception cref="ArgumentException">The change's session id differs from <paramref name="sessionId"/>.</exception>
    /// <exception cref="SessionNameTakenException">The change gives the session a name an open session already has.</exception>
    Session? UpdateLaunchedSession(string sessionId, string launchId, Func<Session?, Session?, SessionChange?> change);

    /// <summary>The sequence number of the newest journal entry: where a follower starts to see only what comes next.</summary>
    /// <returns>The sequence number, or 0 when the journal is empty.</returns>
    long LastSequence();

    /// <summary>Reads journal entries after a sequence number, in order.</summary>
    /// <param name="afterSequence">Entries with a greater sequence number are returned; 0 for all.</param>
    /// <param name="limit">At most this many entries (1 or more).</param>
    /// <returns>The entries.</returns>
    IReadOnlyList<JournalEntry> ReadJournal(long afterSequence, int limit);

    /// <summary>
    /// Deletes old journal entries, oldest first, in write transactions of at most 10,000 deletions each (so hooks never wait
    /// long for the store), each one change that appends one <see cref="JournalTypes.JournalGc"/> entry with its counts; the
    /// limits are fixed before the first, so those entries do not count against them. An entry may go when it is older than <see cref="JournalRetention.MaxAge"/> or not among the newest
    /// <see cref="JournalRetention.MaxRows"/>, unless something still needs it: the entries of a lock not released, the
    /// <c>queue.claimed</c> entries of items their claimer still holds (<c>baton prune</c> finds abandoned claims through
    /// them), the entries of a handoff not yet taken, and the entries of a message some recipient has not read. Sessions,
    /// messages, state, locks, queues and handoffs live in their own tables and are never deleted. Sequence numbers are
    /// never reused, so followers reading from a sequence number are unaffected.
    /// </summary>
    /// <param name="retention">What to keep.</param>
    /// <param name="actor">Who collects (a <c>session_id</c> or <c>human</c>), recorded in the entry.</param>
    /// <param name="dryRun">Count what would go, and change nothing.</param>
    /// <returns>The counts over all transactions, and the last entry written (null on a dry run).</returns>
    JournalCollection CollectJournal(JournalRetention retention, string actor, bool dryRun);

    /// <summary>Checks that the store can be written, without changing anything (a write rolled back).</summary>
    /// <exception cref="StoreException">The store cannot be written, with the reason.</exception>
    void CheckWritable();

    /// <summary>Checks the store's own structure for damage, changing nothing.</summary>
    /// <param name="full">False for a quick check (SQLite's <c>quick_check</c>: every page and record, seconds on a large
    /// file); true for a full one (<c>integrity_check</c>: also that every index matches its table, slower).</param>
    /// <returns>The problems found, in the database's words, empty when none; null when the store has no check of its own to
    /// run (the PostgreSQL team store: its server checks its pages as it reads them).</returns>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    IReadOnlyList<string>? CheckIntegrity(bool full);
}
