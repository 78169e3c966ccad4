using System.Data.Common;
using Baton.Storage.Relational;

namespace Baton.Storage.Sqlite;

// What the shared SQL store code (RelationalStore) asks of SQLite: its connection, its BEGIN IMMEDIATE transactions, and
// GLOB for Baton's globs (case-sensitive like Baton's names).
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
}
