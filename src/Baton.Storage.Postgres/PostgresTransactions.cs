using System.Data;
using System.Diagnostics;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Write transactions as the team store runs them: by default <c>SERIALIZABLE</c>, so that a read-modify-write (a
/// compare-and-set, a lock grant, an inbox limit) decided on what the transaction read commits only if no concurrent commit
/// changed that; PostgreSQL aborts the loser with a serialization failure (SQLSTATE 40001) or a deadlock (40P01), and the
/// whole body runs again on fresh data after a short jittered sleep (1–25 ms), for up to <see cref="RetryLimit"/>. Bodies
/// must therefore be free of side effects outside the database. A body that decides by row locks alone (a queue claim:
/// <c>FOR UPDATE SKIP LOCKED</c>) runs <c>READ COMMITTED</c> instead, where many claimers do not abort one another.
/// </summary>
internal static class PostgresTransactions
{
    /// <summary>How long a writer keeps retrying a transaction that loses races before it fails.</summary>
    public static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="body"/> in a serializable transaction; commits when it returns and
    /// <paramref name="commit"/> agrees, rolls back when it throws; runs it again when the database aborts it for a
    /// concurrent change.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="body">The work; it may run more than once.</param>
    /// <param name="commit">Given the result, whether to commit (false rolls back).</param>
    /// <param name="isolation">The isolation level: <see cref="IsolationLevel.Serializable"/> unless the body decides by row locks.</param>
    /// <returns>The body's result from the run that committed (or rolled back by choice).</returns>
    /// <exception cref="PostgresException">A statement failed, or the transaction still lost after <see cref="RetryLimit"/>.</exception>
    /// <exception cref="NpgsqlException">The server could not be reached.</exception>
    public static T InWriteTransaction<T>(NpgsqlConnection connection, Func<T> body, Func<T, bool> commit, IsolationLevel isolation = IsolationLevel.Serializable)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var transaction = connection.BeginTransaction(isolation);
                var result = body();
                if (commit(result))
                {
                    transaction.Commit();
                }
                else
                {
                    transaction.Rollback();
                }

                return result;
            }
            catch (PostgresException e) when (IsLostRace(e) && waited.Elapsed < RetryLimit)
            {
                Thread.Sleep(Random.Shared.Next(1, Math.Min(2 + attempt, 25)));
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in a transaction that commits when it returns.</summary>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="body">The work; it may run more than once.</param>
    public static void InWriteTransaction(NpgsqlConnection connection, Action body) =>
        InWriteTransaction(connection, () => { body(); return true; }, static _ => true);

    /// <summary>Whether the database aborted a transaction because a concurrent one won (so it may simply run again).</summary>
    /// <param name="e">The error.</param>
    /// <returns>True for a serialization failure or a deadlock.</returns>
    public static bool IsLostRace(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
