using System.Diagnostics;
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
/// </summary>
/// <remarks>
/// The write-ahead log is not checkpointed on close (<see cref="KeepLogOnClose"/>): SQLite's last connection to close
/// folds the log into the database file and deletes it, and since most of Baton's processes are short-lived hooks that are
/// the only ones open, that cost 4 fsyncs per hook (measured with strace: 4,008 over 1,000 open, write, close cycles).
/// Without that checkpoint SQLite's own automatic checkpoint does not keep the log short either: the next process to open
/// the file rebuilds the log's index and no longer knows which frames were copied, so the log is never restarted, grows
/// without bound and is copied in full at every commit past 1,000 pages (measured: 8.9 MB after 1,000 cycles). So a
/// writer that leaves the log longer than <see cref="LogLimitBytes"/> checkpoints it in <c>TRUNCATE</c> mode, which
/// empties the file; when other connections are in the way that checkpoint gives up at once and the next writer tries
/// again.
/// </remarks>
internal static class SqliteTransactions
{
    /// <summary>How long a writer waits for the write lock before it fails with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyLimit = TimeSpan.FromSeconds(10);

    /// <summary>The length of the write-ahead log (about 250 pages) past which the writer that committed checkpoints and empties it.</summary>
    public const long LogLimitBytes = 1 << 20;

    /// <summary>Tells SQLite not to checkpoint the write-ahead log when <paramref name="connection"/> closes.</summary>
    /// <param name="connection">An open connection.</param>
    /// <exception cref="SqliteException">SQLite refused the setting.</exception>
    public static void KeepLogOnClose(SqliteConnection connection) =>
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _),
            connection.Handle);

    /// <summary>Runs <paramref name="body"/> in a write transaction; commits when it returns, rolls back when it throws.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="connection">An open connection outside any transaction, with SQLite's busy timeout 0.</param>
    /// <param name="body">The work.</param>
    /// <param name="commit">Given the result, whether to commit (false rolls back).</param>
    /// <returns>The body's result.</returns>
    /// <exception cref="SqliteException">The write lock was not had within <see cref="BusyLimit"/>, or a statement failed.</exception>
    /// <remarks>After a commit that left the log longer than <see cref="LogLimitBytes"/>, checkpoints it (see the class remarks).</remarks>
    public static T InWriteTransaction<T>(SqliteConnection connection, Func<T> body, Func<T, bool> commit)
    {
        BeginImmediate(connection);
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

        if (!commit(result))
        {
            connection.Execute("ROLLBACK");
            return result;
        }

        connection.Execute("COMMIT");
        BoundLog(connection);
        return result;
    }

    /// <summary>Runs <paramref name="body"/> in a write transaction that commits when it returns.</summary>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="body">The work.</param>
    public static void InWriteTransaction(SqliteConnection connection, Action body) =>
        InWriteTransaction(connection, () => { body(); return true; }, static _ => true);

    private static void BoundLog(SqliteConnection connection)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        if (!log.Exists || log.Length <= LogLimitBytes)
        {
            return;
        }

        try
        {
            connection.Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // The write is committed: failing it now would have the caller retry work that was done. The next writer
            // checkpoints again.
        }
    }

    private static void BeginImmediate(SqliteConnection connection)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var rc = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
            if (rc == raw.SQLITE_OK)
            {
                return;
            }

            if ((rc & 0xFF) != raw.SQLITE_BUSY || waited.Elapsed > BusyLimit)
            {
                throw new SqliteException(
                    $"SQLite Error {rc}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}' (waited {waited.ElapsedMilliseconds} ms for the write lock).",
                    rc);
            }

            Thread.Sleep(Random.Shared.Next(1, Math.Min(2 + attempt, 25)));
        }
    }
}
