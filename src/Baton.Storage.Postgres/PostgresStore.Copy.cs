using System.Data;
using Baton.Core.Storage;
using Baton.Core.Storage.Copy;
using Npgsql;

namespace Baton.Storage.Postgres;

// The copy contract (ICopyableStore): a snapshot read in one repeatable-read transaction, and a copy written in one
// serializable transaction through PostgresCopyWriter, holding the journal's lock throughout so the copied entries get
// sequence numbers in commit order. Table and column names come from StoreCopy.Tables (Baton's constants); values are parameters.
public sealed partial class PostgresStore : ICopyableStore
{
    /// <inheritdoc/>
    public string StoreId => Read(() => (string)_connection.Scalar("SELECT id FROM store_identity")!);

    /// <inheritdoc/>
    public StoreSnapshot ReadSnapshot(IReadOnlyList<CopyTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return Read(() =>
        {
            using var transaction = _connection.BeginTransaction(IsolationLevel.RepeatableRead);
            var id = (string)_connection.Scalar("SELECT id FROM store_identity")!;
            var rows = new Dictionary<string, IReadOnlyList<object?[]>>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                rows[table.Name] = ReadTable(table);
            }

            transaction.Commit();
            return new StoreSnapshot(id, rows);
        });
    }

    /// <inheritdoc/>
    public T WriteCopy<T>(Func<ICopyWriter, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Write(() =>
        {
            _connection.Execute("SELECT pg_advisory_xact_lock(hashtext('baton.journal:' || current_schema()))");
            return body(new PostgresCopyWriter(_connection, (type, subject, actor, data) => AppendEntry(type, subject, actor, data, NowMs())));
        });
    }

    private List<object?[]> ReadTable(CopyTable table)
    {
        var order = table.Identity is { } identity ? identity : string.Join(", ", table.Key);
        using var command = _connection.Prepare($"SELECT {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY {order}");
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is int number ? (long)number : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
