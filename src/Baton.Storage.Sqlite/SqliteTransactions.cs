using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Write transactions as SQLite wants them under concurrency: <c>BEGIN IMMEDIATE</c> takes the write lock first
/// (waiting up to the busy timeout), so a read-modify-write never fails on a lock upgrade.</summary>
internal static class SqliteTransactions
{
    /// <summary>Runs <paramref name="body"/> in a write transaction; commits when it returns, rolls back when it throws.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="body">The work.</param>
    /// <param name="commit">Given the result, whether to commit (false rolls back).</param>
    /// <returns>The body's result.</returns>
    public static T InWriteTransaction<T>(SqliteConnection connection, Func<T> body, Func<T, bool> commit)
    {
        connection.Execute("BEGIN IMMEDIATE");
        T result;
        try
        {
            result = body();
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }

        connection.Execute(commit(result) ? "COMMIT" : "ROLLBACK");
        return result;
    }

    /// <summary>Runs <paramref name="body"/> in a write transaction that commits when it returns.</summary>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="body">The work.</param>
    public static void InWriteTransaction(SqliteConnection connection, Action body) =>
        InWriteTransaction(connection, () => { body(); return true; }, static _ => true);

}
