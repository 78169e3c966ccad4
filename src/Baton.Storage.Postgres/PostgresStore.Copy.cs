using System.Data;
using Baton.Core.Storage;
using Baton.Core.Storage.Copy;
using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

// The copy contract (ICopyableStore): a snapshot read in one repeatable-read transaction, and a copy written in one
// serializable transaction through RelationalCopyWriter, holding the journal's lock throughout so the copied entries get
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
                rows[table.Name] = RelationalCopyWriter.ReadTable(_connection, table, (reader, i) => reader.GetValue(i) is int number ? (long)number : reader.GetValue(i));
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
            return body(new RelationalCopyWriter(_connection, (type, subject, actor, data) => AppendEntry(type, subject, actor, data, NowMs())));
        });
    }
}
