using Baton.Core.Coordination;

namespace Baton.Contracts.Coordination;

/// <summary>A scope that holds keys: <c>{"scope", "keys", "updated_at"}</c>.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Keys">How many keys it holds.</param>
/// <param name="UpdatedAt">When any of its keys was last written.</param>
public sealed record ScopeJson(string Scope, int Keys, string UpdatedAt)
{
    /// <summary>Builds the shape.</summary>
    /// <param name="summary">The scope's summary.</param>
    /// <returns>The shape.</returns>
    public static ScopeJson From(ScopeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Scope, summary.Keys, CoordinationJournalTypes.FormatTime(summary.UpdatedAt));
    }
}
