using System.Data.Common;
using Baton.Storage.Relational;

namespace Baton.Storage.Postgres;

// What the shared SQL store code (RelationalStore) asks of PostgreSQL: its connection, its serializable transactions
// retried on a lost race, LIKE with an escaped pattern for Baton's globs, and lists of values as one array parameter
// (= ANY).
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

    /// <inheritdoc/>
    protected override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <summary>The values as an array (<c>bigint[]</c> or <c>text[]</c>).</summary>
    /// <inheritdoc/>
    protected override object ListValue<T>(IEnumerable<T> values) => values.ToArray();
}
