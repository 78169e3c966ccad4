using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Cli.Rendering;
using Baton.Core.Coordination;
using Baton.Core.Journal;

namespace Baton.Cli.Coordination;

/// <summary>
/// The <c>--json</c> output of <c>baton state|lock|queue|progress|events</c>: snake_case names, indented, nulls written,
/// times ISO 8601 UTC with milliseconds. Stored JSON (values, items, results, journal data) is embedded as JSON, not as a
/// string. These shapes are stable: fields may be added, never renamed or removed.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StateEntryJson))]
[JsonSerializable(typeof(List<StateEntryJson>))]
[JsonSerializable(typeof(StateDeletedJson))]
[JsonSerializable(typeof(List<ScopeJson>))]
[JsonSerializable(typeof(ScopeDeletedJson))]
[JsonSerializable(typeof(LockJson))]
[JsonSerializable(typeof(List<LockJson>))]
[JsonSerializable(typeof(LockAttemptJson))]
[JsonSerializable(typeof(QueueItemJson))]
[JsonSerializable(typeof(List<QueueItemJson>))]
[JsonSerializable(typeof(List<QueueSummaryJson>))]
[JsonSerializable(typeof(ProgressJson))]
[JsonSerializable(typeof(List<ProgressJson>))]
[JsonSerializable(typeof(List<EventJson>))]
[JsonSerializable(typeof(string))]
internal sealed partial class CoordinationJson : JsonSerializerContext
{
    /// <summary>Parses stored JSON text for embedding.</summary>
    /// <param name="json">One JSON document as text.</param>
    /// <returns>The document's root, detached from the parser.</returns>
    public static JsonElement Embed(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Parses journal data for embedding; text that is not JSON (written by some older tool) is embedded as a string.</summary>
    /// <param name="text">The data.</param>
    /// <returns>The JSON value.</returns>
    public static JsonElement EmbedLenient(string text)
    {
        try
        {
            return Embed(text);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, Default.String);
        }
    }
}

/// <summary>The compact (one line per object) twin of <see cref="CoordinationJson"/>, for <c>baton events --follow --json</c>
/// (JSON Lines).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EventJson))]
internal sealed partial class CoordinationJsonLines : JsonSerializerContext;

/// <summary>One key of scoped state: <c>{"scope", "key", "value": &lt;JSON&gt;, "version", "writer", "updated_at"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, as JSON.</param>
/// <param name="Version">The key's version (compare-and-set with <c>--expected-version</c>).</param>
/// <param name="Writer">Who wrote it: a session id or <c>human</c>.</param>
/// <param name="UpdatedAt">When.</param>
internal sealed record StateEntryJson(string Scope, string Key, JsonElement Value, long Version, string Writer, string UpdatedAt)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The shape.</returns>
    public static StateEntryJson From(StateEntry entry) =>
        new(entry.Scope, entry.Key, CoordinationJson.Embed(entry.ValueJson), entry.Version, entry.Writer, SessionJson.Iso(entry.UpdatedAt));
}

/// <summary>The answer of <c>baton state rm</c>: <c>{"scope", "key", "deleted"}</c> (<c>deleted</c> false: the key did not exist).</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Key">The key.</param>
/// <param name="Deleted">Whether a key was deleted.</param>
internal sealed record StateDeletedJson(string Scope, string Key, bool Deleted);

/// <summary>A scope that holds keys: <c>{"scope", "keys", "updated_at"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Keys">How many keys it holds.</param>
/// <param name="UpdatedAt">When any of its keys was last written.</param>
internal sealed record ScopeJson(string Scope, int Keys, string UpdatedAt);

/// <summary>A queue that holds items, as <c>baton queue ls</c> without a queue lists it: <c>{"queue", "pending", "claimed", "done"}</c>.</summary>
/// <param name="Queue">The queue's name.</param>
/// <param name="Pending">Items waiting to be claimed.</param>
/// <param name="Claimed">Items claimed with a live lease.</param>
/// <param name="Done">Items completed.</param>
internal sealed record QueueSummaryJson(string Queue, int Pending, int Claimed, int Done)
{
    /// <summary>The JSON of a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The JSON shape.</returns>
    public static QueueSummaryJson From(QueueSummary summary) => new(summary.Queue, summary.Pending, summary.Claimed, summary.Done);
}

/// <summary>The answer of <c>baton state rm-scope</c>: <c>{"scope", "deleted_keys"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="DeletedKeys">How many keys were deleted.</param>
internal sealed record ScopeDeletedJson(string Scope, int DeletedKeys);

/// <summary>A lock: <c>{"resource", "holder", "token", "acquired_at", "expires_at", "reason"}</c>.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Holder">Who holds it: a session id or <c>human</c>.</param>
/// <param name="Token">The fencing token.</param>
/// <param name="AcquiredAt">Since when it is held.</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
/// <param name="Reason">Why it is held, or null.</param>
internal sealed record LockJson(string Resource, string Holder, long Token, string AcquiredAt, string ExpiresAt, string? Reason)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="info">The lock.</param>
    /// <returns>The shape.</returns>
    public static LockJson From(LockInfo info) =>
        new(info.Resource, info.Holder, info.Token, SessionJson.Iso(info.AcquiredAt), SessionJson.Iso(info.ExpiresAt), info.Reason);
}

/// <summary>The answer of <c>baton lock acquire</c>: <c>{"outcome", "granted", "lock": lock, "previous": lock|null}</c>.</summary>
/// <param name="Outcome"><c>acquired</c>, <c>renewed</c> (the caller held it already), <c>taken_over</c> (another holder's
/// lock had expired) or <c>held_by_another</c>.</param>
/// <param name="Granted">Whether the caller holds the lock now.</param>
/// <param name="Lock">Granted: the caller's lock (token, expiry); refused: the holder's lock.</param>
/// <param name="Previous">With <c>taken_over</c>, the expired lock that was replaced; else null.</param>
internal sealed record LockAttemptJson(string Outcome, bool Granted, LockJson Lock, LockJson? Previous)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <returns>The shape.</returns>
    public static LockAttemptJson From(LockAttempt attempt) => new(
        attempt.Outcome switch
        {
            LockOutcome.Acquired => "acquired",
            LockOutcome.Renewed => "renewed",
            LockOutcome.TakenOver => "taken_over",
            _ => "held_by_another",
        },
        attempt.Granted,
        LockJson.From(attempt.Lock),
        attempt.Previous is { } previous ? LockJson.From(previous) : null);
}

/// <summary>A queue item: <c>{"id", "queue", "item": &lt;JSON&gt;, "priority", "status", "enqueued_by", "enqueued_at", "claimer",
/// "claimed_at", "lease_expires_at", "attempts", "completed_at", "result": &lt;JSON&gt;|null}</c>.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Queue">The queue.</param>
/// <param name="Item">The item, as JSON.</param>
/// <param name="Priority">Its priority (higher is claimed first).</param>
/// <param name="Status"><c>pending</c>, <c>claimed</c> or <c>done</c>, as of now.</param>
/// <param name="EnqueuedBy">Who added it.</param>
/// <param name="EnqueuedAt">When.</param>
/// <param name="Claimer">Who claimed it last, or null.</param>
/// <param name="ClaimedAt">When, or null.</param>
/// <param name="LeaseExpiresAt">When the last claim's lease ends, or null.</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="CompletedAt">When it was completed, or null.</param>
/// <param name="Result">The result given on completion, as JSON, or null.</param>
internal sealed record QueueItemJson(
    long Id,
    string Queue,
    JsonElement Item,
    int Priority,
    string Status,
    string EnqueuedBy,
    string EnqueuedAt,
    string? Claimer,
    string? ClaimedAt,
    string? LeaseExpiresAt,
    int Attempts,
    string? CompletedAt,
    JsonElement? Result)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The shape.</returns>
    public static QueueItemJson From(QueueItem item) => new(
        item.Id,
        item.Queue,
        CoordinationJson.Embed(item.ItemJson),
        item.Priority,
        StatusName(item.Status),
        item.EnqueuedBy,
        SessionJson.Iso(item.EnqueuedAt),
        item.Claimer,
        item.ClaimedAt is { } claimed ? SessionJson.Iso(claimed) : null,
        item.LeaseExpiresAt is { } lease ? SessionJson.Iso(lease) : null,
        item.Attempts,
        item.CompletedAt is { } completed ? SessionJson.Iso(completed) : null,
        item.ResultJson is { } result ? CoordinationJson.Embed(result) : null);

    /// <summary>The wire name of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>pending</c>, <c>claimed</c> or <c>done</c>.</returns>
    public static string StatusName(QueueItemStatus status) => status switch
    {
        QueueItemStatus.Claimed => "claimed",
        QueueItemStatus.Done => "done",
        _ => "pending",
    };
}

/// <summary>Progress on a subject: <c>{"subject", "phase", "percent", "message", "writer", "updated_at"}</c>.</summary>
/// <param name="Subject">What the progress is about.</param>
/// <param name="Phase">The current phase.</param>
/// <param name="Percent">How much is done, 0–100.</param>
/// <param name="Message">A short note (may be empty).</param>
/// <param name="Writer">Who set it.</param>
/// <param name="UpdatedAt">When.</param>
internal sealed record ProgressJson(string Subject, string Phase, int Percent, string Message, string Writer, string UpdatedAt)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The progress.</param>
    /// <returns>The shape.</returns>
    public static ProgressJson From(ProgressEntry entry) =>
        new(entry.Subject, entry.Phase, entry.Percent, entry.Message, entry.Writer, SessionJson.Iso(entry.UpdatedAt));
}

/// <summary>A journal entry: <c>{"seq", "at", "type", "subject", "actor", "data": &lt;JSON object&gt;|null, "origin"}</c>.</summary>
/// <param name="Seq">Its sequence number (give it to <c>--since</c> to read on after it).</param>
/// <param name="At">When.</param>
/// <param name="Type">What happened, for example <c>lock.acquired</c> or <c>event.deploy</c>.</param>
/// <param name="Subject">What it happened to, for example <c>lock:deploy</c>.</param>
/// <param name="Actor">Who did it: a session id or <c>human</c>.</param>
/// <param name="Data">Details (shape per type), or null.</param>
/// <param name="Origin">Where the change was made: <c>user@host[pid]</c> of the Baton process that wrote it; null for entries
/// from before Baton recorded it.</param>
internal sealed record EventJson(long Seq, string At, string Type, string Subject, string Actor, JsonElement? Data, string? Origin)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The shape.</returns>
    public static EventJson From(JournalEntry entry) => new(
        entry.Sequence,
        SessionJson.Iso(entry.At),
        entry.Type,
        entry.Subject,
        entry.Actor,
        entry.Data is { } data ? CoordinationJson.EmbedLenient(data) : null,
        entry.Origin);
}
