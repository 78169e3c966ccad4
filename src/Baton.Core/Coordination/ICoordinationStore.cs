using Baton.Core.Journal;

namespace Baton.Core.Coordination;

/// <summary>
/// The store side of coordination: scoped state with compare-and-set, locks with fencing tokens, work queues with leases,
/// handoffs, heartbeats and journal queries. Every decision that must have exactly one winner (a compare-and-set, a lock
/// grant, a claim, a take) is made inside one write transaction, and every change appends exactly one journal entry in that
/// transaction (types and data in <see cref="CoordinationJournalTypes"/>); a refused change writes nothing, and reads never
/// write. Times (expiry, leases, <c>UpdatedAt</c>) come from the store's own clock, so all processes judge expiry by one
/// clock. Names are taken as given (the <see cref="Coordinator"/> validates them); patterns are globs: <c>*</c> matches any
/// run of characters, <c>?</c> one character, everything else (including <c>%</c>, <c>_</c>, <c>[</c>) only itself, case
/// sensitively. Implemented by the stores that implement <see cref="Storage.IStore"/>; the contract suite in
/// <c>tests/Baton.Storage.Contract</c> (<c>CoordinationContract</c>) holds for all of them. Instances are not thread-safe.
/// Every method throws <see cref="Storage.StoreException"/> when the store cannot be read or written.
/// </summary>
public interface ICoordinationStore : IDisposable
{
    /// <summary>Reads one key.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <returns>The entry, or null when the key does not exist (never written, or deleted).</returns>
    StateEntry? GetState(string scope, string key);

    /// <summary>Reads every key of a scope, ordered by key (ordinal).</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>The entries; empty when the scope holds no key.</returns>
    IReadOnlyList<StateEntry> GetScope(string scope);

    /// <summary>Lists the scopes that hold at least one key, ordered by name (ordinal).</summary>
    /// <param name="pattern">A glob the scope must match (for example <c>issue:*</c>), or null for all.</param>
    /// <returns>The scopes.</returns>
    IReadOnlyList<ScopeSummary> ListScopes(string? pattern);

    /// <summary>
    /// Writes a key, journaled as <see cref="CoordinationJournalTypes.StateSet"/>. Without <paramref name="expectedVersion"/>
    /// the write is unconditional; with it, it is a compare-and-set decided in the transaction: 0 means "the key must not
    /// exist" (create only), n &gt; 0 means "the key must be at version n".
    /// </summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <param name="valueJson">The value, one JSON document as text (stored as given).</param>
    /// <param name="expectedVersion">The version the caller read, 0 for "must not exist", or null for no check.</param>
    /// <param name="writer">Who writes: a <c>session_id</c> or <c>human</c>.</param>
    /// <returns>The entry as stored, with its new version (one more than the key's last version, including a delete's).</returns>
    /// <exception cref="VersionConflictException">The key is not at <paramref name="expectedVersion"/>; it carries the current
    /// version, writer and time. Nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    StateEntry SetState(string scope, string key, string valueJson, long? expectedVersion, string writer);

    /// <summary>Deletes a key, journaled as <see cref="CoordinationJournalTypes.StateDeleted"/>; the delete takes a version
    /// (see <see cref="StateEntry.Version"/>).</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <param name="expectedVersion">With a value (1 or more), delete only when the key is at that version; null for no check.</param>
    /// <param name="actor">Who deletes.</param>
    /// <returns>True when the key existed and was deleted; false (nothing written) when it did not exist and no version was expected.</returns>
    /// <exception cref="VersionConflictException">The key is not at <paramref name="expectedVersion"/> (or does not exist). Nothing was written.</exception>
    bool DeleteState(string scope, string key, long? expectedVersion, string actor);

    /// <summary>Deletes every key of a scope in one transaction, journaled once as <see cref="CoordinationJournalTypes.ScopeDeleted"/>.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="actor">Who deletes.</param>
    /// <returns>How many keys were deleted; 0 (nothing written) when the scope held none.</returns>
    int DeleteScope(string scope, string actor);

    /// <summary>
    /// Tries once to acquire a lock. Free (never held, released or expired): granted with a token one more than the last
    /// token ever granted on the resource, journaled as <see cref="CoordinationJournalTypes.LockAcquired"/>, or, when another
    /// holder's lock had expired unreleased, as <see cref="CoordinationJournalTypes.LockExpiredTaken"/>. Held live by the same
    /// holder: renewed (same token, expiry now + <paramref name="ttl"/>, reason replaced when given), journaled as
    /// <see cref="CoordinationJournalTypes.LockRenewed"/>, so a retried acquire is harmless. Held live by another: nothing
    /// written, the answer names the holder.
    /// </summary>
    /// <param name="resource">The resource.</param>
    /// <param name="holder">Who asks: a <c>session_id</c> or <c>human</c>.</param>
    /// <param name="ttl">How long the lock lives from now unless renewed (positive).</param>
    /// <param name="reason">Why, shown to others; null for none.</param>
    /// <returns>The outcome with the lock granted, or the other holder's lock.</returns>
    LockAttempt AcquireLock(string resource, string holder, TimeSpan ttl, string? reason);

    /// <summary>Extends a live lock to now + <paramref name="ttl"/> (the token stays), journaled as <see cref="CoordinationJournalTypes.LockRenewed"/>.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="holder">The holder.</param>
    /// <param name="token">The token the holder was granted.</param>
    /// <param name="ttl">The new time to live from now (positive).</param>
    /// <returns>The renewed lock.</returns>
    /// <exception cref="StaleLockException">The holder has no live lock with that token (expired, released, taken over);
    /// it names the current holder, if any. Nothing was written.</exception>
    LockInfo RenewLock(string resource, string holder, long token, TimeSpan ttl);

    /// <summary>Releases a live lock, journaled as <see cref="CoordinationJournalTypes.LockReleased"/>; the next acquire gets a greater token.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="holder">The holder.</param>
    /// <param name="token">The token the holder was granted.</param>
    /// <returns>The lock as it was.</returns>
    /// <exception cref="StaleLockException">The holder has no live lock with that token. Nothing was written.</exception>
    LockInfo ReleaseLock(string resource, string holder, long token);

    /// <summary>Breaks a live lock whoever holds it (a person freeing a stuck lock), journaled as
    /// <see cref="CoordinationJournalTypes.LockBroken"/> with <paramref name="actor"/> as the entry's actor; the next acquire
    /// gets a greater token, and the holder's token is stale from now on.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="token">The token of the lock as the caller saw it (so a lock granted again since is not broken).</param>
    /// <param name="actor">Who breaks it.</param>
    /// <returns>The lock as it was.</returns>
    /// <exception cref="StaleLockException">No live lock with that token is on the resource. Nothing was written.</exception>
    LockInfo BreakLock(string resource, long token, string actor);

    /// <summary>Reads the live lock on a resource.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The lock, or null when the resource is free (never held, released or expired).</returns>
    LockInfo? GetLock(string resource);

    /// <summary>Lists the live locks, ordered by resource (ordinal).</summary>
    /// <param name="pattern">A glob the resource must match, or null for all.</param>
    /// <returns>The locks.</returns>
    IReadOnlyList<LockInfo> ListLocks(string? pattern);

    /// <summary>Adds an item to a queue (created by its first item), journaled as <see cref="CoordinationJournalTypes.QueueEnqueued"/>.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="itemJson">The item, one JSON document as text.</param>
    /// <param name="priority">Higher is claimed first.</param>
    /// <param name="actor">Who enqueues.</param>
    /// <returns>The item as stored, with its id.</returns>
    QueueItem Enqueue(string queue, string itemJson, int priority, string actor);

    /// <summary>
    /// Claims the next pending item atomically (each item goes to exactly one claimer per lease): highest priority first, then
    /// the oldest (FIFO by id); an item whose lease expired counts as pending. Journaled as <see cref="CoordinationJournalTypes.QueueClaimed"/>.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="claimer">Who claims.</param>
    /// <param name="lease">How long the claim lasts (positive); after that the item is pending again.</param>
    /// <returns>The claimed item, or null (nothing written) when none is pending.</returns>
    QueueItem? ClaimNext(string queue, string claimer, TimeSpan lease);

    /// <summary>Marks an item done, journaled as <see cref="CoordinationJournalTypes.QueueCompleted"/>. Only its claimer,
    /// while the lease lasts.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="claimer">Who completes it.</param>
    /// <param name="resultJson">A result, one JSON document as text, or null.</param>
    /// <returns>The item as stored, or null when the queue has no item with that id.</returns>
    /// <exception cref="QueueClaimException">The caller holds no live claim on the item; it names the claimer. Nothing was written.</exception>
    QueueItem? Complete(string queue, long id, string claimer, string? resultJson);

    /// <summary>Gives a claimed item back (pending again, claimable at once), journaled as <see cref="CoordinationJournalTypes.QueueReleased"/>
    /// with the releasing actor, the claimer it had and whether it was forced. Only its claimer, while the lease lasts, unless
    /// <paramref name="force"/>: then whoever asks, while anyone's lease lasts.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item's id.</param>
    /// <param name="actor">Who releases it.</param>
    /// <param name="force">Release another session's live claim (a person's override).</param>
    /// <returns>The item as stored, or null when the queue has no item with that id.</returns>
    /// <exception cref="QueueClaimException">The actor holds no live claim on the item (with <paramref name="force"/>: nobody
    /// does); it names the claimer. Nothing was written.</exception>
    QueueItem? Release(string queue, long id, string actor, bool force);

    /// <summary>Reads one item.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item's id.</param>
    /// <returns>The item, or null when the queue has no item with that id.</returns>
    QueueItem? GetQueueItem(string queue, long id);

    /// <summary>Lists a queue's items in id order (oldest first), with their status as of now.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="status">Only items with this status, or null for all.</param>
    /// <param name="limit">At most this many items (1 or more).</param>
    /// <returns>The items.</returns>
    IReadOnlyList<QueueItem> ListQueue(string queue, QueueItemStatus? status, int limit);

    /// <summary>Lists the queues that hold items, by name, with their item counts per status as of now.</summary>
    /// <returns>The queues, ordered by name; empty when there are none.</returns>
    IReadOnlyList<QueueSummary> ListQueues();

    /// <summary>Hands a subject off, replacing any earlier handoff of it (taken or not), journaled as <see cref="CoordinationJournalTypes.HandoffCreated"/>.</summary>
    /// <param name="subject">What is handed off.</param>
    /// <param name="nextSteps">What to do next.</param>
    /// <param name="context">What to know.</param>
    /// <param name="to">The only session that may take it, or null for anyone.</param>
    /// <param name="actor">Who hands it off.</param>
    /// <returns>The handoff as stored.</returns>
    Handoff CreateHandoff(string subject, string nextSteps, string context, string? to, string actor);

    /// <summary>Takes a handoff atomically (exactly one taker), journaled as <see cref="CoordinationJournalTypes.HandoffTaken"/>.</summary>
    /// <param name="subject">What is handed off.</param>
    /// <param name="taker">Who takes it.</param>
    /// <returns>The handoff as taken, or null (nothing written) when the subject has none.</returns>
    /// <exception cref="HandoffUnavailableException">It was already taken (the exception names by whom and when), or it is
    /// addressed to another session. Nothing was written.</exception>
    Handoff? TakeHandoff(string subject, string taker);

    /// <summary>Reads the handoff of a subject.</summary>
    /// <param name="subject">What is handed off.</param>
    /// <returns>The handoff, or null when none.</returns>
    Handoff? GetHandoff(string subject);

    /// <summary>Lists handoffs, newest first.</summary>
    /// <param name="includeTaken">Also list taken ones.</param>
    /// <returns>The handoffs.</returns>
    IReadOnlyList<Handoff> ListHandoffs(bool includeTaken);

    /// <summary>Sets an open session's <c>UpdatedAt</c> to now, journaled as <see cref="CoordinationJournalTypes.SessionHeartbeat"/> (actor: the session).</summary>
    /// <param name="sessionId">The full session id.</param>
    /// <returns>The time recorded, or null (nothing written) when no open session has that id.</returns>
    DateTimeOffset? Heartbeat(string sessionId);

    /// <summary>Appends a journal entry that changes nothing else: an event logged by an agent or a person.</summary>
    /// <param name="type">The entry's type, for example <c>event.deploy</c>.</param>
    /// <param name="subject">Its subject.</param>
    /// <param name="actor">Who logs it.</param>
    /// <param name="data">Its data, a compact JSON object, or null.</param>
    /// <returns>The entry as stored, with its sequence number.</returns>
    JournalEntry AppendEvent(string type, string subject, string actor, string? data);

    /// <summary>Reads journal entries by sequence, type and actor (see <see cref="JournalQuery"/>), in sequence order.</summary>
    /// <param name="query">Which entries.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1.</exception>
    IReadOnlyList<JournalEntry> QueryJournal(JournalQuery query);

    /// <summary>
    /// Lets go of the work of a session that is gone: releases its live locks (each journaled as
    /// <see cref="CoordinationJournalTypes.LockReleased"/> with <c>abandoned: true</c>) and returns the queue items it has
    /// claimed to pending (each journaled as <see cref="CoordinationJournalTypes.QueueReleased"/> with <c>abandoned: true</c>),
    /// all in one transaction, read inside it. Idempotent: a second call finds nothing.
    /// </summary>
    /// <param name="sessionId">The session whose work is abandoned.</param>
    /// <param name="actor">Who releases it (the journal's actor), for example <c>human</c> or the session running housekeeping.</param>
    /// <returns>What was released.</returns>
    AbandonedWork ReleaseAbandoned(string sessionId, string actor);

    /// <summary>The work a holder has now, changing nothing: its live locks and the queue items it has claimed, exactly
    /// what <see cref="ReleaseAbandoned"/> would release.</summary>
    /// <param name="holder">A session id (or <c>human</c>).</param>
    /// <returns>The locks (by resource) and items (by id).</returns>
    AbandonedWork ListHeldWork(string holder);

    /// <summary>Who holds work: the holders of live locks and the claimers of claimed queue items (lapsed leases included).</summary>
    /// <returns>Distinct session ids (or <c>human</c>), sorted.</returns>
    IReadOnlyList<string> ListWorkHolders();
}
