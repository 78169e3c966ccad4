using Baton.Core.Storage;
using Baton.Core.Storage.Copy;
using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

// The copy contract (ICopyableStore): a snapshot read in one read transaction, and a copy written in one write transaction
// through RelationalCopyWriter. Table and column names come from StoreCopy.Tables (Baton's constants); values are parameters.
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
                throw SqliteFailure.Of($"Cannot read the store {Path}", e, _connection);
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
                rows[table.Name] = RelationalCopyWriter.ReadTable(_connection, table, (reader, i) => table.IsBoolean(table.Columns[i]) ? reader.GetInt64(i) != 0 : reader.GetValue(i));
            }

            transaction.Commit();
            return new StoreSnapshot(id, rows);
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Of($"Cannot read the store {Path}", e, _connection);
        }
    }

    /// <inheritdoc/>
    public T WriteCopy<T>(Func<ICopyWriter, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Write(() => body(new RelationalCopyWriter(_connection, (type, subject, actor, data) => AppendJournal(type, subject, actor, data))));
    }
}
