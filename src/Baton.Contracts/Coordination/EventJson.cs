using System.Text.Json;
using Baton.Core.Coordination;
using Baton.Core.Journal;

namespace Baton.Contracts.Coordination;

/// <summary>A journal entry: <c>{"seq", "at", "type", "subject", "actor", "data": &lt;JSON object&gt;|null, "origin", "sequence"}</c>.</summary>
/// <param name="Seq">Its sequence number (give it to <c>--since</c> to read on after it).</param>
/// <param name="At">When.</param>
/// <param name="Type">What happened, for example <c>lock.acquired</c> or <c>event.deploy</c>.</param>
/// <param name="Subject">What it happened to, for example <c>lock:deploy</c>.</param>
/// <param name="Actor">Who did it: a session id or <c>human</c>.</param>
/// <param name="Data">Details (shape per type), or null.</param>
/// <param name="Origin">Where the change was made: <c>user@host[pid]</c> of the Baton process that wrote it; null for entries
/// from before Baton recorded it.</param>
public sealed record EventJson(long Seq, string At, string Type, string Subject, string Actor, JsonElement? Data, string? Origin)
{
    /// <summary>The same number as <see cref="Seq"/>, under the name the MCP tools gave it first; both stay.</summary>
    public long Sequence => Seq;

    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The shape.</returns>
    public static EventJson From(JournalEntry entry) => new(
        entry.Sequence,
        CoordinationJournalTypes.FormatTime(entry.At),
        entry.Type,
        entry.Subject,
        entry.Actor,
        entry.Data is { } data ? JsonEmbedding.EmbedLenient(data) : null,
        entry.Origin);
}
