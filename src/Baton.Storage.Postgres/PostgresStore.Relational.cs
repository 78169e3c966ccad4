using System.Data.Common;
using Baton.Storage.Relational;

namespace Baton.Storage.Postgres;

// What the shared SQL store code (RelationalStore) asks of PostgreSQL: its connection, its serializable transactions
// retried on a lost race, and LIKE with an escaped pattern for Baton's globs.
public sealed partial class PostgresStore
{
    /// <inheritdoc/>
    protected override DbConnection Connection => _connection;

    /// <inheritdoc/>
    protected override T WriteChange<T>(Func<T> body) => Write(body);

    /// <inheritdoc/>
    protected override List<T> QueryRows<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        ReadRows(sql, r => map(r), parameters);

    /// <inheritdoc/>
    protected override string GlobMatch(string column, string parameter) => $"({parameter}::text IS NULL OR {column} LIKE {parameter})";

    /// <inheritdoc/>
    protected override string? GlobPattern(string? pattern) => PostgresLike.FromGlob(pattern);
}
