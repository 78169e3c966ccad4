namespace Baton.Storage;

/// <summary>Which store Baton uses and where that was decided.</summary>
/// <param name="Url">The team store's <c>postgres://</c> URL as configured (it may hold a password: never print it, use
/// <see cref="Postgres.PostgresUrl.Redact"/>), or null for the SQLite file in Baton's home.</param>
/// <param name="Source">Where the choice comes from: <see cref="StoreSelection.UrlVariable"/>, <c>config.json</c>, or
/// <c>default</c>.</param>
public sealed record StoreChoice(string? Url, string Source)
{
    /// <summary>Whether the choice is the team store (PostgreSQL).</summary>
    public bool IsTeamStore => Url is not null;

    /// <summary>The store's kind, for people and JSON: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Kind => IsTeamStore ? "postgres" : "sqlite";
}
