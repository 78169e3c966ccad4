using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Core.Coordination;

/// <summary>
/// The coordination operations agents (through the MCP server) and people (through the <c>baton</c> command) call:
/// scoped state, locks, queues, progress, handoffs, heartbeats and events. It validates every request against
/// <see cref="CoordinationLimits"/> before the store sees it (a <see cref="UserErrorException"/> saying what was wrong and
/// what is allowed; nothing stored), and leaves every decision with one winner to the store
/// (<see cref="ICoordinationStore"/>): one write transaction and one journal entry per change. The actor of each call is a
/// <c>session_id</c> or <see cref="Sessions.SessionRegistry.HumanActor"/>. Refusals by the store surface as
/// <see cref="CoordinationConflictException"/>s. Not thread-safe (neither is the store).
/// </summary>
public sealed partial class Coordinator
{
    /// <summary>The scope progress is kept in (key = subject).</summary>
    public const string ProgressScope = "progress";

    /// <summary>The lease of a claim when none is given.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

    private readonly ICoordinationStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a coordinator over a store.</summary>
    /// <param name="store">The store; it decides expiry by its own clock.</param>
    /// <param name="time">The clock that bounds waits (<see cref="AcquireLockAsync"/>); only its elapsed time and timers are used.</param>
    public Coordinator(ICoordinationStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
    }

    /// <summary>Writes a key of scoped state (<c>store_data</c>).</summary>
    /// <param name="scope">The scope, for example <c>issue:42</c> (a name: see <see cref="CoordinationLimits.MaxNameLength"/>).</param>
    /// <param name="key">The key.</param>
    /// <param name="valueJson">Any JSON value as text, at most <see cref="CoordinationLimits.MaxValueBytes"/> bytes.</param>
    /// <param name="expectedVersion">Null: write unconditionally. 0: create only (the key must not exist). n: compare-and-set,
    /// the key must be at version n.</param>
    /// <param name="actor">Who writes.</param>
    /// <returns>The entry as stored, with its new version.</returns>
    /// <exception cref="UserErrorException">A name, the value or the expected version is not allowed.</exception>
    /// <exception cref="VersionConflictException">The key is not at the expected version (with the current version and writer).</exception>
    public StateEntry StoreData(string scope, string key, string valueJson, long? expectedVersion, string actor)
    {
        CoordinationLimits.Name(scope, "scope");
        CoordinationLimits.Name(key, "key");
        CoordinationLimits.Name(actor, "actor");
        CoordinationLimits.Json(valueJson, "value");
        if (expectedVersion is < 0)
        {
            throw new UserErrorException($"An expected version of {expectedVersion} is not allowed: use 0 (the key must not exist) or the version you read (1 or more).");
        }

        return _store.SetState(scope, key, valueJson, expectedVersion, actor);
    }

    /// <summary>Reads one key (<c>retrieve_data</c> with a key).</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <returns>The entry (value, version, writer, time), or null when the key does not exist.</returns>
    /// <exception cref="UserErrorException">A name is not allowed.</exception>
    public StateEntry? RetrieveData(string scope, string key)
    {
        CoordinationLimits.Name(scope, "scope");
        CoordinationLimits.Name(key, "key");
        return _store.GetState(scope, key);
    }

    /// <summary>Reads a whole scope (<c>retrieve_data</c> without a key).</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>Its entries, ordered by key.</returns>
    /// <exception cref="UserErrorException">The name is not allowed, or the scope holds no key.</exception>
    public IReadOnlyList<StateEntry> RetrieveScope(string scope)
    {
        CoordinationLimits.Name(scope, "scope");
        var entries = _store.GetScope(scope);
        return entries.Count > 0 ? entries : throw UnknownScope(scope);
    }

    /// <summary>Deletes one key (<c>delete_data</c>).</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="key">The key.</param>
    /// <param name="actor">Who deletes.</param>
    /// <param name="expectedVersion">Delete only at this version (1 or more); null for no check.</param>
    /// <returns>True when it existed and was deleted; false when it did not exist (nothing written).</returns>
    /// <exception cref="UserErrorException">A name or the expected version is not allowed.</exception>
    /// <exception cref="VersionConflictException">The key is not at the expected version.</exception>
    public bool DeleteData(string scope, string key, string actor, long? expectedVersion = null)
    {
        CoordinationLimits.Name(scope, "scope");
        CoordinationLimits.Name(key, "key");
        CoordinationLimits.Name(actor, "actor");
        if (expectedVersion is < 1)
        {
            throw new UserErrorException($"An expected version of {expectedVersion} is not allowed for a delete: use the version you read (1 or more).");
        }

        return _store.DeleteState(scope, key, expectedVersion, actor);
    }

    /// <summary>Lists the scopes that hold keys (<c>list_scopes</c>).</summary>
    /// <param name="pattern">A glob such as <c>issue:*</c> (<c>*</c> any run, <c>?</c> one character), or null for all.</param>
    /// <returns>The scopes, ordered by name.</returns>
    /// <exception cref="UserErrorException">The pattern is not allowed.</exception>
    public IReadOnlyList<ScopeSummary> ListScopes(string? pattern = null)
    {
        CoordinationLimits.Pattern(pattern, "scope pattern");
        return _store.ListScopes(pattern);
    }

    /// <summary>Deletes every key of a scope (<c>delete_scope</c>), one transaction, one journal entry.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="actor">Who deletes.</param>
    /// <returns>How many keys were deleted.</returns>
    /// <exception cref="UserErrorException">The name is not allowed, or the scope holds no key.</exception>
    public int DeleteScope(string scope, string actor)
    {
        CoordinationLimits.Name(scope, "scope");
        CoordinationLimits.Name(actor, "actor");
        var deleted = _store.DeleteScope(scope, actor);
        return deleted > 0 ? deleted : throw UnknownScope(scope);
    }

    /// <summary>Records how far work on a subject has come (<c>set_progress</c>): a key of <see cref="ProgressScope"/>,
    /// journaled as <see cref="CoordinationJournalTypes.StateSet"/>.</summary>
    /// <param name="subject">What the progress is about, for example <c>issue:42</c> (a name).</param>
    /// <param name="phase">The current phase (1–4000 characters).</param>
    /// <param name="percent">How much is done, 0–100.</param>
    /// <param name="message">A short note (at most 4000 characters; may be empty).</param>
    /// <param name="actor">Who reports it.</param>
    /// <returns>The progress as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public ProgressEntry SetProgress(string subject, string phase, int percent, string message, string actor)
    {
        CoordinationLimits.Name(subject, "subject");
        CoordinationLimits.Text(phase, "phase", required: true);
        CoordinationLimits.Range(percent, 0, 100, "percent");
        CoordinationLimits.Text(message, "message", required: false);
        CoordinationLimits.Name(actor, "actor");
        var value = new JsonObject { ["phase"] = phase, ["percent"] = percent, ["message"] = message }.ToJsonString();
        return ToProgress(_store.SetState(ProgressScope, subject, value, expectedVersion: null, actor));
    }

    /// <summary>Reads progress (<c>get_progress</c>).</summary>
    /// <param name="subject">One subject, or null for every subject.</param>
    /// <returns>The progress entries, ordered by subject; empty when none.</returns>
    /// <exception cref="UserErrorException">The subject is not allowed.</exception>
    public IReadOnlyList<ProgressEntry> GetProgress(string? subject = null)
    {
        if (subject is null)
        {
            return _store.GetScope(ProgressScope).Select(ToProgress).ToList();
        }

        CoordinationLimits.Name(subject, "subject");
        return _store.GetState(ProgressScope, subject) is { } entry ? [ToProgress(entry)] : [];
    }

    private static UserErrorException UnknownScope(string scope) =>
        new($"The scope '{scope}' holds no keys (see list_scopes).");

    /// <summary>Reads a progress value; a value written into the scope by other means shows what it can.</summary>
    private static ProgressEntry ToProgress(StateEntry entry)
    {
        string phase = "", message = "";
        var percent = 0;
        try
        {
            if (JsonNode.Parse(entry.ValueJson) is JsonObject o)
            {
                phase = o["phase"] is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : "";
                message = o["message"] is JsonValue m && m.TryGetValue<string>(out var ms) ? ms : "";
                percent = o["percent"] is JsonValue n && n.TryGetValue<int>(out var pn) ? Math.Clamp(pn, 0, 100) : 0;
            }
        }
        catch (JsonException)
        {
            // Not JSON: stored by another store version; show it as empty progress.
        }

        return new ProgressEntry(entry.Key, phase, percent, message, entry.Writer, entry.UpdatedAt);
    }
}
