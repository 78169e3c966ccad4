using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

// The coordination store (ICoordinationStore) in the same schema: tables state, locks, queue_items and handoffs, written
// once for both SQL stores in RelationalStore. Each change is one serializable transaction (see PostgresTransactions) that
// re-reads what it decides on and appends its journal entry; refusals roll back. Where a refusal can be told from a plain
// read (a lock held by another, an empty queue) it is answered without a write transaction. Times are Unix milliseconds by
// the store's clock (the database's now()).
public sealed partial class PostgresStore : ICoordinationStore
{
    /// <summary>The database's clock in Unix milliseconds: <c>now()</c> is the start of the current transaction, so every
    /// statement of one change sees one time.</summary>
    private const string DatabaseNow = "SELECT floor(extract(epoch FROM now()) * 1000)::bigint";

    /// <summary>Appends one journal entry after taking the store's journal lock (an advisory lock held to the end of the
    /// transaction), so that sequence numbers are handed out in commit order.</summary>
    private const string InsertJournal =
        """
        INSERT INTO journal (type, subject, actor, at, data, origin)
        SELECT @type, @subject, @actor, @at, @data, @origin FROM (SELECT pg_advisory_xact_lock(hashtext('baton.journal:' || current_schema()))) AS journal_lock
        RETURNING seq
        """;

    private long? _transactionNow;
    private bool _inTransaction;

    /// <summary>The store's clock now, in Unix milliseconds: the clock given to <see cref="Open"/>, else the database's
    /// <c>now()</c>, asked once per transaction.</summary>
    /// <inheritdoc/>
    protected override long NowMs()
    {
        if (_clock is not null)
        {
            return _clock.GetUtcNow().ToUnixTimeMilliseconds();
        }

        if (_transactionNow is { } cached)
        {
            return cached;
        }

        var now = ReadRows(DatabaseNow, static r => r.GetInt64(0))[0];
        if (_inTransaction)
        {
            _transactionNow = now;
        }

        return now;
    }

    /// <summary>Appends one journal entry in the current transaction, dated like the change it records.</summary>
    /// <returns>Its sequence number.</returns>
    protected override long AppendEntry(string type, string subject, string actor, string? data, long atMs) =>
        (long)_connection.Scalar(
            InsertJournal,
            ("@type", type),
            ("@subject", subject),
            ("@actor", actor),
            ("@at", atMs),
            ("@data", data),
            ("@origin", ThisProcess.Origin))!;

    /// <summary>Runs a change in a serializable transaction, retried when a concurrent one wins.</summary>
    /// <exception cref="StoreException">The database cannot be reached, or a statement failed.</exception>
    private T Write<T>(Func<T> body, System.Data.IsolationLevel isolation = System.Data.IsolationLevel.Serializable) => Write(body, static _ => true, isolation);

    private T Write<T>(Func<T> body, Func<T, bool> commit, System.Data.IsolationLevel isolation = System.Data.IsolationLevel.Serializable)
    {
        try
        {
            return PostgresTransactions.InWriteTransaction(
                _connection,
                () =>
                {
                    _transactionNow = null;
                    _inTransaction = true;
                    try
                    {
                        return body();
                    }
                    finally
                    {
                        _inTransaction = false;
                        _transactionNow = null;
                    }
                },
                commit,
                isolation);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw PostgresFailure.Of($"Cannot write the store {Description}: {e.Message}", e);
        }
    }

    /// <summary>Runs a read, turning a driver failure into a <see cref="StoreException"/>; inside a change's transaction the
    /// failure passes through as it is, so a lost race (SQLSTATE 40001) reaches the retry of <see cref="Write{T}(Func{T}, Func{T, bool}, System.Data.IsolationLevel)"/>.</summary>
    private T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsDriverFailure(e) && !_inTransaction)
        {
            throw PostgresFailure.Of($"Cannot read the store {Description}: {e.Message}", e);
        }
    }

    /// <summary>Whether an exception is the driver's (the server, the network, a broken connection), not one a change's
    /// own code threw (those pass through unchanged).</summary>
    private static bool IsDriverFailure(Exception e) =>
        e is NpgsqlException or TimeoutException || (e is InvalidOperationException && e.Source == typeof(NpgsqlConnection).Assembly.GetName().Name);

    private NpgsqlDataReader Run(NpgsqlCommand command) => Read(() => command.ExecuteReader());

    private List<T> ReadRows<T>(string sql, Func<NpgsqlDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = _connection.Prepare(sql, parameters);
        using var reader = Run(command);
        var rows = new List<T>();
        while (Read(reader.Read))
        {
            rows.Add(StoredRows.Map(reader, map, Description, sql));
        }

        return rows;
    }
}
