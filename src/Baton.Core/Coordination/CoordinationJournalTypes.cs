using System.Globalization;
using System.Text.Json.Nodes;

namespace Baton.Core.Coordination;

/// <summary>
/// The journal entry types of coordination changes, their subjects and the shape of their data (compact JSON objects;
/// times are UTC ISO 8601 strings to the millisecond). Each store builds the data with the methods here so every store
/// journals the same shapes. The entry's actor is who made the change.
/// </summary>
public static class CoordinationJournalTypes
{
    /// <summary>A key was written. Subject <c>scope:&lt;scope&gt;</c>. Data: <c>{"key": "plan", "version": 3, "bytes": 120}</c>.</summary>
    public const string StateSet = "state.set";

    /// <summary>A key was deleted. Subject <c>scope:&lt;scope&gt;</c>. Data: <c>{"key": "plan", "version": 4}</c> (the version the delete took).</summary>
    public const string StateDeleted = "state.deleted";

    /// <summary>Every key of a scope was deleted. Subject <c>scope:&lt;scope&gt;</c>. Data: <c>{"keys": 5}</c>.</summary>
    public const string ScopeDeleted = "scope.deleted";

    /// <summary>A free lock was granted. Subject <c>lock:&lt;resource&gt;</c>. Data:
    /// <c>{"token": 7, "expires_at": "...", "reason": "..."?}</c>.</summary>
    public const string LockAcquired = "lock.acquired";

    /// <summary>A held lock was renewed by its holder. Subject <c>lock:&lt;resource&gt;</c>. Data: <c>{"token": 7, "expires_at": "..."}</c>.</summary>
    public const string LockRenewed = "lock.renewed";

    /// <summary>A lock was released. Subject <c>lock:&lt;resource&gt;</c>. Data:
    /// <c>{"token": 7, "holder": "...", "abandoned": false}</c> (<c>abandoned</c>: released for a session that is gone).</summary>
    public const string LockReleased = "lock.released";

    /// <summary>A live lock was broken by someone else than its holder (<c>baton lock release --force</c>): the entry's actor is
    /// who broke it. Subject <c>lock:&lt;resource&gt;</c>. Data: <c>{"token": 7, "holder": "...", "reason": "..."?}</c> (the
    /// holder's reason).</summary>
    public const string LockBroken = "lock.broken";

    /// <summary>An expired lock was taken over. Subject <c>lock:&lt;resource&gt;</c>. Data:
    /// <c>{"token": 8, "expires_at": "...", "reason": "..."?, "from": "&lt;previous holder&gt;", "from_token": 7, "expired_at": "..."}</c>.</summary>
    public const string LockExpiredTaken = "lock.expired_taken";

    /// <summary>An item was enqueued. Subject <c>queue:&lt;queue&gt;</c>. Data: <c>{"id": 12, "priority": 0, "bytes": 80}</c>.</summary>
    public const string QueueEnqueued = "queue.enqueued";

    /// <summary>An item was claimed. Subject <c>queue:&lt;queue&gt;</c>. Data:
    /// <c>{"id": 12, "lease_expires_at": "...", "attempt": 1, "from": "..."?}</c> (<c>from</c>: the claimer whose lease had expired).</summary>
    public const string QueueClaimed = "queue.claimed";

    /// <summary>A claimed item was completed. Subject <c>queue:&lt;queue&gt;</c>. Data: <c>{"id": 12, "result_bytes": 40?}</c>.</summary>
    public const string QueueCompleted = "queue.completed";

    /// <summary>A claimed item went back to pending. Subject <c>queue:&lt;queue&gt;</c>. Data:
    /// <c>{"id": 12, "claimer": "...", "abandoned": false}</c>.</summary>
    public const string QueueReleased = "queue.released";

    /// <summary>A handoff was created (replacing any earlier one on its subject). Subject <c>handoff:&lt;subject&gt;</c>. Data:
    /// <c>{"to": "..."?, "replaced_open": true?}</c> (<c>replaced_open</c>: an untaken handoff was replaced).</summary>
    public const string HandoffCreated = "handoff.created";

    /// <summary>A handoff was taken. Subject <c>handoff:&lt;subject&gt;</c>. Data: <c>{"created_by": "..."}</c>.</summary>
    public const string HandoffTaken = "handoff.taken";

    /// <summary>The prefix of events logged by agents or people: the type is <c>event.&lt;type&gt;</c>. Subject
    /// <c>event:&lt;type&gt;</c>. Data: <c>{"message": "...", "metadata": &lt;any JSON&gt;?}</c>.</summary>
    public const string EventPrefix = "event.";

    /// <summary>A session said it is alive; its <c>UpdatedAt</c> was refreshed. Subject <c>session:&lt;session_id&gt;</c>. Data: null.</summary>
    public const string SessionHeartbeat = "session.heartbeat";

    /// <summary>The subject of changes to a scope.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns><c>scope:&lt;scope&gt;</c>.</returns>
    public static string ScopeSubject(string scope) => "scope:" + scope;

    /// <summary>The subject of changes to a lock.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns><c>lock:&lt;resource&gt;</c>.</returns>
    public static string LockSubject(string resource) => "lock:" + resource;

    /// <summary>The subject of changes to a queue.</summary>
    /// <param name="queue">The queue.</param>
    /// <returns><c>queue:&lt;queue&gt;</c>.</returns>
    public static string QueueSubject(string queue) => "queue:" + queue;

    /// <summary>The subject of changes to a handoff.</summary>
    /// <param name="subject">What is handed off.</param>
    /// <returns><c>handoff:&lt;subject&gt;</c>.</returns>
    public static string HandoffSubject(string subject) => "handoff:" + subject;

    /// <summary>The journal type of a logged event.</summary>
    /// <param name="type">The event's own type, for example <c>deploy</c>.</param>
    /// <returns><c>event.&lt;type&gt;</c>.</returns>
    public static string EventType(string type) => EventPrefix + type;

    /// <summary>The subject of a logged event.</summary>
    /// <param name="type">The event's own type.</param>
    /// <returns><c>event:&lt;type&gt;</c>.</returns>
    public static string EventSubject(string type) => "event:" + type;

    /// <summary>Formats a time as the journal data and messages show it.</summary>
    /// <param name="at">The time.</param>
    /// <returns>UTC ISO 8601 to the millisecond, for example <c>2025-03-14T09:26:53.589Z</c>.</returns>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Data of <see cref="StateSet"/>.</summary>
    /// <param name="entry">The entry as written.</param>
    /// <returns>The compact JSON object.</returns>
    public static string StateSetData(StateEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new JsonObject
        {
            ["key"] = entry.Key,
            ["version"] = entry.Version,
            ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(entry.ValueJson),
        }.ToJsonString();
    }

    /// <summary>Data of <see cref="StateDeleted"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="version">The version the delete took.</param>
    /// <returns>The compact JSON object.</returns>
    public static string StateDeletedData(string key, long version) => new JsonObject { ["key"] = key, ["version"] = version }.ToJsonString();

    /// <summary>Data of <see cref="ScopeDeleted"/>.</summary>
    /// <param name="keys">How many keys were deleted.</param>
    /// <returns>The compact JSON object.</returns>
    public static string ScopeDeletedData(int keys) => new JsonObject { ["keys"] = keys }.ToJsonString();

    /// <summary>Data of <see cref="LockAcquired"/>, <see cref="LockRenewed"/> and <see cref="LockExpiredTaken"/>.</summary>
    /// <param name="granted">The lock as granted.</param>
    /// <param name="previous">For a take-over, the expired lock; else null.</param>
    /// <param name="withReason">Whether to include the reason (not for renewals).</param>
    /// <returns>The compact JSON object.</returns>
    public static string LockData(LockInfo granted, LockInfo? previous = null, bool withReason = true)
    {
        ArgumentNullException.ThrowIfNull(granted);
        var data = new JsonObject { ["token"] = granted.Token, ["expires_at"] = FormatTime(granted.ExpiresAt) };
        if (withReason && granted.Reason is { } reason)
        {
            data["reason"] = reason;
        }

        if (previous is not null)
        {
            data["from"] = previous.Holder;
            data["from_token"] = previous.Token;
            data["expired_at"] = FormatTime(previous.ExpiresAt);
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="LockReleased"/>.</summary>
    /// <param name="released">The lock as it was.</param>
    /// <param name="abandoned">True when released for a session that is gone.</param>
    /// <returns>The compact JSON object.</returns>
    public static string LockReleasedData(LockInfo released, bool abandoned)
    {
        ArgumentNullException.ThrowIfNull(released);
        return new JsonObject { ["token"] = released.Token, ["holder"] = released.Holder, ["abandoned"] = abandoned }.ToJsonString();
    }

    /// <summary>Data of <see cref="LockBroken"/>.</summary>
    /// <param name="broken">The lock as it was.</param>
    /// <returns>The compact JSON object.</returns>
    public static string LockBrokenData(LockInfo broken)
    {
        ArgumentNullException.ThrowIfNull(broken);
        var data = new JsonObject { ["token"] = broken.Token, ["holder"] = broken.Holder };
        if (broken.Reason is { } reason)
        {
            data["reason"] = reason;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="QueueEnqueued"/>.</summary>
    /// <param name="id">The new item's id.</param>
    /// <param name="priority">Its priority.</param>
    /// <param name="itemJson">The item.</param>
    /// <returns>The compact JSON object.</returns>
    public static string QueueEnqueuedData(long id, int priority, string itemJson) => new JsonObject
    {
        ["id"] = id,
        ["priority"] = priority,
        ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(itemJson),
    }.ToJsonString();

    /// <summary>Data of <see cref="QueueClaimed"/>.</summary>
    /// <param name="claimed">The item as claimed.</param>
    /// <param name="lapsedClaimer">The claimer whose lease had expired, or null.</param>
    /// <returns>The compact JSON object.</returns>
    public static string QueueClaimedData(QueueItem claimed, string? lapsedClaimer)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var data = new JsonObject
        {
            ["id"] = claimed.Id,
            ["lease_expires_at"] = FormatTime(claimed.LeaseExpiresAt!.Value),
            ["attempt"] = claimed.Attempts,
        };
        if (lapsedClaimer is not null)
        {
            data["from"] = lapsedClaimer;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="QueueCompleted"/>.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="resultJson">The result, or null.</param>
    /// <returns>The compact JSON object.</returns>
    public static string QueueCompletedData(long id, string? resultJson)
    {
        var data = new JsonObject { ["id"] = id };
        if (resultJson is not null)
        {
            data["result_bytes"] = System.Text.Encoding.UTF8.GetByteCount(resultJson);
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="QueueReleased"/>.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="claimer">Whose claim ended.</param>
    /// <param name="abandoned">True when released for a session that is gone.</param>
    /// <param name="forced">True when someone else than the claimer released it (<c>baton queue release --force</c>); the
    /// entry's actor is who did, its origin the OS user and process.</param>
    /// <returns>The compact JSON object: <c>{"id", "claimer", "abandoned"}</c>, plus <c>"forced": true</c> when forced.</returns>
    public static string QueueReleasedData(long id, string claimer, bool abandoned, bool forced = false)
    {
        var data = new JsonObject { ["id"] = id, ["claimer"] = claimer, ["abandoned"] = abandoned };
        if (forced)
        {
            data["forced"] = true;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="HandoffCreated"/>.</summary>
    /// <param name="created">The handoff.</param>
    /// <param name="replacedOpen">True when an untaken handoff on the subject was replaced.</param>
    /// <returns>The compact JSON object.</returns>
    public static string HandoffCreatedData(Handoff created, bool replacedOpen)
    {
        ArgumentNullException.ThrowIfNull(created);
        var data = new JsonObject();
        if (created.To is { } to)
        {
            data["to"] = to;
        }

        if (replacedOpen)
        {
            data["replaced_open"] = true;
        }

        return data.ToJsonString();
    }

    /// <summary>Data of <see cref="HandoffTaken"/>.</summary>
    /// <param name="taken">The handoff as taken.</param>
    /// <returns>The compact JSON object.</returns>
    public static string HandoffTakenData(Handoff taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        return new JsonObject { ["created_by"] = taken.CreatedBy }.ToJsonString();
    }

    /// <summary>Data of an event logged with <see cref="EventPrefix"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="metadataJson">Valid JSON to embed, or null.</param>
    /// <returns>The compact JSON object.</returns>
    public static string EventData(string message, string? metadataJson)
    {
        var data = new JsonObject { ["message"] = message };
        if (metadataJson is not null)
        {
            data["metadata"] = JsonNode.Parse(metadataJson);
        }

        return data.ToJsonString();
    }
}
