using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

// The coordination store (ICoordinationStore) in the same SQLite file: tables state, locks, queue_items and handoffs (schema
// migration 3), written once for both SQL stores in RelationalStore. Each change is one BEGIN IMMEDIATE transaction (see
// SqliteTransactions) that re-reads what it decides on and appends its journal entry; refusals roll back. Where a refusal
// can be told from a plain read (a lock held by another, an empty queue) it is answered without taking the write lock, so
// waiting callers do not queue up on it. Times are Unix milliseconds by the clock the store was opened with.
public sealed partial class SqliteStore : ICoordinationStore
{
    /// <inheritdoc/>
    protected override long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Appends one journal entry in the current transaction, dated like the change it records.</summary>
    /// <returns>Its sequence number.</returns>
    protected override long AppendEntry(string type, string subject, string actor, string? data, long atMs)
    {
        _connection.Execute(
            "INSERT INTO journal (type, subject, actor, at, data, origin) VALUES ($type, $subject, $actor, $at, $data, $origin)",
            ("$type", type),
            ("$subject", subject),
            ("$actor", actor),
            ("$at", atMs),
            ("$data", data),
            ("$origin", ThisProcess.Origin));
        return LastInsertId();
    }

    private long LastInsertId() => (long)_connection.Scalar("SELECT last_insert_rowid()")!;

    private List<T> ReadRows<T>(string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = _connection.Prepare(sql, parameters);
        using var reader = Run(command);
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(StoredRows.Map(reader, map, Path, sql));
        }

        return rows;
    }
}
