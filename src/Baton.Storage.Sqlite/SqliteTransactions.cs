using System.Diagnostics;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Write transactions as SQLite wants them under concurrency: <c>BEGIN IMMEDIATE</c> takes the write lock first, so a
/// read-modify-write never fails on a lock upgrade. Waiting for the lock is done here, in short jittered sleeps (1–25 ms)
/// for up to <see cref="BusyLimit"/>, not by SQLite's <c>busy_timeout</c>. SQLite 3.35 slept in whole seconds there (a lock
/// released after 100 ms was taken after 1,002 ms). The bundled 3.53 sleeps 1, 2, 5, … up to 100 ms between polls (it is
/// built without blocking locks, <c>SQLITE_ENABLE_SETLK_TIMEOUT</c>, so nothing queues the waiters), which is still slower
/// and less fair than this loop. Measured on 2 cores: a waiter took a lock released after 300 ms 31 ms later (the loop:
/// 8 ms); 8 processes each writing 300 times, holding the lock 2 ms, waited up to 1.3–1.6 s, p99 330–440 ms (the loop:
/// up to 0.5–0.6 s, p99 200–230 ms), at the same throughput.
/// A writer that has waited <see cref="HolderLookAfter"/> looks up who holds the lock (<see cref="SqliteWriteLock"/>), again
/// every <see cref="HolderLookInterval"/>: a stopped holder (SIGSTOP, Ctrl-Z, a debugger) will not let go by itself, so the
/// wait ends at once; either way the failure names the holder.
/// </summary>
internal static class SqliteTransactions
{
    /// <summary>How long a writer waits for the write lock before it fails with SQLITE_BUSY, unless its store says otherwise
    /// (a hook waits less: it spools its event instead).</summary>
    public static readonly TimeSpan BusyLimit = TimeSpan.FromSeconds(10);

    /// <summary>How long a writer waits before it first looks up the lock's holder: 100 ms, past the usual waits under
    /// contention (p99 about 200 ms with 8 writers), so the look-up costs nothing on a quiet store.</summary>
    public static readonly TimeSpan HolderLookAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a waiting writer looks again: 500 ms.</summary>
    public static readonly TimeSpan HolderLookInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs <paramref name="body"/> in a write transaction; commits when it returns, rolls back when it throws.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="connection">An open connection outside any transaction, with SQLite's busy timeout 0.</param>
    /// <param name="body">The work.</param>
    /// <param name="commit">Given the result, whether to commit (false rolls back).</param>
    /// <param name="wait">How long to wait for the write lock; null for <see cref="BusyLimit"/>.</param>
    /// <returns>The body's result.</returns>
    /// <exception cref="SqliteException">The write lock was not had within the wait or its holder is stopped (SQLITE_BUSY,
    /// the message naming the holder when it can be told), or a statement failed.</exception>
    public static T InWriteTransaction<T>(SqliteConnection connection, Func<T> body, Func<T, bool> commit, TimeSpan? wait = null)
    {
        BeginImmediate(connection, wait ?? BusyLimit);
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

    private static void BeginImmediate(SqliteConnection connection, TimeSpan wait)
    {
        var waited = Stopwatch.StartNew();
        var lookAt = HolderLookAfter;
        StoreLockHolder? holder = null;
        for (var attempt = 0; ; attempt++)
        {
            var rc = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
            if (rc == raw.SQLITE_OK)
            {
                return;
            }

            var busy = (rc & 0xFF) == raw.SQLITE_BUSY;
            if (busy && waited.Elapsed >= lookAt)
            {
                holder = SqliteWriteLock.FindHolder(connection.DataSource);
                lookAt = waited.Elapsed + HolderLookInterval;
            }

            if (!busy || waited.Elapsed > wait || holder is { Stopped: true })
            {
                var heldBy = holder is null ? string.Empty : $"; held by {holder}";
                throw new SqliteException(
                    $"SQLite Error {rc}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}' (waited {waited.ElapsedMilliseconds} ms for the write lock{heldBy}).",
                    rc);
            }

            Thread.Sleep(Random.Shared.Next(1, Math.Min(2 + attempt, 25)));
        }
    }
}
