using System.Data.Common;
using System.Text.Json;
using Baton.Storage.Relational;

namespace Baton.Storage.Sqlite;

// What the shared SQL store code (RelationalStore) asks of SQLite: its connection, its BEGIN IMMEDIATE transactions (which
// also serve claims: the write lock keeps other claimers out until the commit), GLOB for Baton's globs (case-sensitive
// like Baton's names), and lists of values as one JSON array parameter read by json_each.
public sealed partial class SqliteStore
{
    /// <inheritdoc/>
    protected override DbConnection Connection => _connection;

    /// <inheritdoc/>
    protected override T WriteChange<T>(Func<T> body) => Write(body);

    /// <inheritdoc/>
    protected override List<T> QueryRows<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        ReadRows(sql, r => map(r), parameters);

    /// <inheritdoc/>
    protected override string GlobMatch(string column, string parameter) => $"({parameter} IS NULL OR {column} GLOB {parameter})";

    /// <inheritdoc/>
    protected override string? GlobPattern(string? pattern) => SqliteGlob.From(pattern);

    /// <inheritdoc/>
    protected override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    /// <summary>The values as a JSON array, the text <c>json_each</c> reads.</summary>
    /// <inheritdoc/>
    protected override object ListValue<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);
}
