using Baton.Core.Journal;

namespace Baton.Core.Coordination;

public sealed partial class Coordinator
{
    /// <summary>Hands a subject off to the next session (<c>handoff</c>), replacing any earlier handoff of it.</summary>
    /// <param name="subject">What is handed off, for example <c>issue:42</c> (a name).</param>
    /// <param name="nextSteps">What the taker is to do (required, at most 256 KiB).</param>
    /// <param name="context">What the taker needs to know (may be empty, at most 256 KiB).</param>
    /// <param name="actor">Who hands it off.</param>
    /// <param name="to">The only session that may take it (a full session id), or null for anyone.</param>
    /// <returns>The handoff as stored.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public Handoff CreateHandoff(string subject, string nextSteps, string context, string actor, string? to = null)
    {
        CoordinationLimits.Name(subject, "subject");
        CoordinationLimits.LargeText(nextSteps, "next steps", required: true);
        CoordinationLimits.LargeText(context, "context", required: false);
        CoordinationLimits.Name(actor, "actor");
        if (to is not null)
        {
            CoordinationLimits.Name(to, "recipient");
        }

        return _store.CreateHandoff(subject, nextSteps, context, to, actor);
    }

    /// <summary>Takes a handoff (<c>take_handoff</c>): exactly one taker.</summary>
    /// <param name="subject">What is handed off.</param>
    /// <param name="actor">Who takes it.</param>
    /// <returns>The handoff as taken, with its next steps and context.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed, or the subject has no handoff.</exception>
    /// <exception cref="HandoffUnavailableException">It was already taken (naming by whom) or is for another session.</exception>
    public Handoff TakeHandoff(string subject, string actor)
    {
        CoordinationLimits.Name(subject, "subject");
        CoordinationLimits.Name(actor, "actor");
        return _store.TakeHandoff(subject, actor) ?? throw new UserErrorException($"There is no handoff of '{subject}'.");
    }

    /// <summary>Lists handoffs, newest first.</summary>
    /// <param name="includeTaken">Also list taken ones.</param>
    /// <returns>The handoffs.</returns>
    public IReadOnlyList<Handoff> ListHandoffs(bool includeTaken = false) => _store.ListHandoffs(includeTaken);

    /// <summary>Records that a session is alive (<c>heartbeat</c>): refreshes its <c>UpdatedAt</c>.</summary>
    /// <param name="sessionId">The full session id (the actor).</param>
    /// <returns>The time recorded (UTC).</returns>
    /// <exception cref="UserErrorException">The id is not allowed, or no open session has it.</exception>
    public DateTimeOffset Heartbeat(string sessionId)
    {
        CoordinationLimits.Name(sessionId, "session id");
        return _store.Heartbeat(sessionId)
            ?? throw new UserErrorException($"No open session '{sessionId}'; sign on first.", UserErrorRemedy.ListLiveSessions);
    }

    /// <summary>Logs an event in the journal (<c>log_event</c>) as type <c>event.&lt;type&gt;</c>.</summary>
    /// <param name="type">The event's type, for example <c>deploy</c>: 1–100 letters, digits and <c>_-.</c>.</param>
    /// <param name="message">What happened (required, at most 4000 characters).</param>
    /// <param name="actor">Who logs it.</param>
    /// <param name="metadataJson">Details, any JSON value as text (at most 64 KiB), or null.</param>
    /// <returns>The journal entry.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public JournalEntry LogEvent(string type, string message, string actor, string? metadataJson = null)
    {
        CoordinationLimits.EventType(type);
        CoordinationLimits.Text(message, "message", required: true);
        CoordinationLimits.Name(actor, "actor");
        if (metadataJson is not null)
        {
            CoordinationLimits.Json(metadataJson, "metadata", CoordinationLimits.MaxMetadataBytes);
        }

        return _store.AppendEvent(
            CoordinationJournalTypes.EventType(type),
            CoordinationJournalTypes.EventSubject(type),
            actor,
            CoordinationJournalTypes.EventData(message, metadataJson));
    }

    /// <summary>Reads the journal (<c>events</c>): every kind of entry, not only logged events.</summary>
    /// <param name="since">Entries after this sequence number (to follow on from the last one seen); null for the latest.</param>
    /// <param name="type">A glob over journal types, for example <c>lock.*</c> or <c>event.deploy</c>; null for all.</param>
    /// <param name="actor">Only entries by this session id or <c>human</c>; null for anyone.</param>
    /// <param name="limit">At most this many: 1 to <see cref="CoordinationLimits.MaxListLimit"/>.</param>
    /// <returns>The entries in sequence order.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public IReadOnlyList<JournalEntry> Events(long? since = null, string? type = null, string? actor = null, int limit = 100)
    {
        if (since is < 0)
        {
            throw new UserErrorException($"A sequence number of {since} is not allowed: use 0 or more.");
        }

        CoordinationLimits.TypePattern(type);
        if (actor is not null)
        {
            CoordinationLimits.Name(actor, "session");
        }

        CoordinationLimits.Range(limit, 1, CoordinationLimits.MaxListLimit, "limit");
        return _store.QueryJournal(new JournalQuery(since, type, actor, limit));
    }

    /// <summary>
    /// Lets go of a gone session's work: releases its live locks and returns its claimed queue items to pending, each step
    /// one transaction and one journal entry. Idempotent. Called by <c>baton prune</c> and the MCP server's housekeeping.
    /// </summary>
    /// <param name="sessionId">The session whose work is abandoned.</param>
    /// <param name="actor">Who releases it.</param>
    /// <returns>What was released.</returns>
    /// <exception cref="UserErrorException">An argument is not allowed.</exception>
    public AbandonedWork ReleaseAbandoned(string sessionId, string actor)
    {
        CoordinationLimits.Name(sessionId, "session id");
        CoordinationLimits.Name(actor, "actor");
        return _store.ReleaseAbandoned(sessionId, actor);
    }
}
