using System.Text.Json;
using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>One key of scoped state: <c>{"scope", "key", "value": &lt;JSON&gt;, "version", "writer", "updated_at"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, as JSON.</param>
/// <param name="Version">The key's version (compare-and-set with <c>--expected-version</c>).</param>
/// <param name="Writer">Who wrote it: a session id or <c>human</c>.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record StateEntryJson(string Scope, string Key, JsonElement Value, long Version, string Writer, string UpdatedAt)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The shape.</returns>
    public static StateEntryJson From(StateEntry entry) =>
        new(entry.Scope, entry.Key, JsonEmbedding.Embed(entry.ValueJson), entry.Version, entry.Writer, CoordinationJournalTypes.FormatTime(entry.UpdatedAt));
}
