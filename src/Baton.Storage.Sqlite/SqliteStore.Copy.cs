using Baton.Core.Storage;
using Baton.Core.Storage.Copy;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

// The copy contract (ICopyableStore): a snapshot read in one read transaction, and a copy written in one write transaction
// through SqliteCopyWriter. Table and column names come from StoreCopy.Tables (Baton's constants); values are parameters.
public sealed partial class SqliteStore : ICopyableStore
{
    /// <inheritdoc/>
    public string StoreId
    {
        get
        {
            try
            {
                return (string)_connection.Scalar("SELECT id FROM store_identity")!;
            }
            catch (SqliteException e)
            {
                throw new StoreException($"Cannot read the store {Path}: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc/>
    public StoreSnapshot ReadSnapshot(IReadOnlyList<CopyTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            var id = StoreId;
            var rows = new Dictionary<string, IReadOnlyList<object?[]>>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                rows[table.Name] = ReadTable(table);
            }

            transaction.Commit();
            return new StoreSnapshot(id, rows);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"Cannot read the store {Path}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public T WriteCopy<T>(Func<ICopyWriter, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Write(() => body(new SqliteCopyWriter(_connection, (type, subject, actor, data) => AppendJournal(type, subject, actor, data))));
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
                row[i] = reader.IsDBNull(i) ? null
                    : table.IsBoolean(table.Columns[i]) ? reader.GetInt64(i) != 0
                    : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
