using System.Diagnostics;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Write transactions as SQLite wants them under concurrency: <c>BEGIN IMMEDIATE</c> takes the write lock first, so a
/// read-modify-write never fails on a lock upgrade. A writer first takes its turn in the store's writer queue
/// (<see cref="SqliteWriterQueue"/>, a blocking <c>flock</c> the kernel wakes it from), then SQLite's lock, for which it
/// polls in short jittered sleeps (1–25 ms) for up to <see cref="BusyLimit"/> in all, not through SQLite's
/// <c>busy_timeout</c> (the bundled SQLite is built without blocking locks, <c>SQLITE_ENABLE_SETLK_TIMEOUT</c>, and its own
/// sleeps grow to 100 ms). Polling alone let a waiter lose every window to writers that were on a CPU when the lock was
/// freed: on 2 cores saturated by busy loops, one of 8 processes writing as fast as they could waited 10 s and failed.
/// With the queue, only the writer at its head polls, and only against writers that are not Baton's. Measured with
/// <c>bench writelock --runs 50</c> (8 processes, 1,000 writes each with no pause, 2 cores), before and after: the longest
/// write 0.39–0.62 s and 0.19–0.23 s; beside two busy loops 0.96–1.05 s and 0.36–0.48 s. The price is throughput under
/// that extreme (the kernel hands the turn to a sleeping waiter, which must be scheduled first): p99 rose from 52–84 ms to
/// 60–138 ms, and the last writer finished 20–40 % later.
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
    /// <param name="writers">The connection's turn in the store's writer queue; null to wait at SQLite's lock alone.</param>
    /// <param name="body">The work.</param>
    /// <param name="commit">Given the result, whether to commit (false rolls back).</param>
    /// <param name="wait">How long to wait for the write lock; null for <see cref="BusyLimit"/>.</param>
    /// <returns>The body's result.</returns>
    /// <exception cref="SqliteException">The write lock was not had within the wait or its holder is stopped (SQLITE_BUSY,
    /// the message naming the holder when it can be told), or a statement failed.</exception>
    public static T InWriteTransaction<T>(SqliteConnection connection, SqliteWriterQueue? writers, Func<T> body, Func<T, bool> commit, TimeSpan? wait = null)
    {
        var lockWait = new LockWait(connection.DataSource, wait ?? BusyLimit);
        var hasTurn = writers is not null && (writers.TryTake() || AwaitTurn(writers, lockWait));
        try
        {
            BeginImmediate(connection, lockWait);
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
        finally
        {
            if (hasTurn)
            {
                writers!.GiveBack();
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in a write transaction that commits when it returns.</summary>
    /// <param name="connection">An open connection outside any transaction.</param>
    /// <param name="writers">The connection's turn in the store's writer queue; null to wait at SQLite's lock alone.</param>
    /// <param name="body">The work.</param>
    public static void InWriteTransaction(SqliteConnection connection, SqliteWriterQueue? writers, Action body) =>
        InWriteTransaction(connection, writers, () => { body(); return true; }, static _ => true);

    /// <summary>Takes SQLite's write lock, polling while it is busy.</summary>
    private static void BeginImmediate(SqliteConnection connection, LockWait wait)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rc = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
            if (rc == raw.SQLITE_OK)
            {
                return;
            }

            if ((rc & 0xFF) != raw.SQLITE_BUSY || !wait.GoesOn())
            {
                throw wait.Failure(rc, raw.sqlite3_errmsg(connection.Handle).utf8_to_string());
            }

            Thread.Sleep(Random.Shared.Next(1, Math.Min(2 + attempt, 25)));
        }
    }

    /// <summary>Waits for the turn in the queue, looking up the holder now and then.</summary>
    /// <returns>True when the turn is had; false when the queue failed (the writer then waits at SQLite's lock alone).</returns>
    /// <exception cref="SqliteException">SQLITE_BUSY: the wait's limit passed, or the holder is stopped.</exception>
    private static bool AwaitTurn(SqliteWriterQueue writers, LockWait wait)
    {
        var request = writers.Ask();
        while (!request.Task.Wait(wait.NextLook))
        {
            if (!wait.GoesOn() && request.TrySetCanceled())
            {
                throw wait.Failure(raw.SQLITE_BUSY, "database is locked");
            }
        }

        return request.Task.Result;
    }

    /// <summary>One writer's wait for the write lock: how long it has waited, and who holds the lock, looked up after
    /// <see cref="HolderLookAfter"/> and again every <see cref="HolderLookInterval"/>.</summary>
    private sealed class LockWait(string databasePath, TimeSpan limit)
    {
        private readonly Stopwatch _waited = Stopwatch.StartNew();
        private TimeSpan _lookAt = HolderLookAfter;
        private StoreLockHolder? _holder;

        /// <summary>How long to wait before <see cref="GoesOn"/> is asked again: until the limit, at most
        /// <see cref="HolderLookAfter"/>.</summary>
        public TimeSpan NextLook => TimeSpan.FromTicks(Math.Clamp((limit - _waited.Elapsed).Ticks, 0, HolderLookAfter.Ticks));

        /// <summary>Whether to wait on: the limit has not passed and the holder is not stopped.</summary>
        public bool GoesOn()
        {
            if (_waited.Elapsed >= _lookAt)
            {
                _holder = SqliteWriteLock.FindHolder(databasePath);
                _lookAt = _waited.Elapsed + HolderLookInterval;
            }

            return _waited.Elapsed <= limit && _holder is not { Stopped: true };
        }

        /// <summary>The failure to throw, naming the holder when it was found.</summary>
        public SqliteException Failure(int rc, string message)
        {
            var heldBy = _holder is null ? string.Empty : $"; held by {_holder}";
            return new SqliteException($"SQLite Error {rc}: '{message}' (waited {_waited.ElapsedMilliseconds} ms for the write lock{heldBy}).", rc);
        }
    }
}
