using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The write-ahead log across short-lived processes. SQLite's last connection to close folds the log into the database file
/// and deletes it; most of Baton's processes are hooks that are the only ones open, so that cost every hook 4 fsyncs
/// (measured with strace: 4,008 over 1,000 open, write, close cycles). So the store keeps the log on close
/// (<see cref="KeepOnClose"/>). SQLite's automatic checkpoint (every 1,000 pages) did not keep such a log short: the next
/// process to open the file alone rebuilds the log's index, no longer knows which frames were copied, never restarted the log
/// and copied all of it at every commit past 1,000 pages (measured: 8.9 MB after 1,000 cycles, 3 fsyncs per cycle). So a
/// store that closes a log longer than <see cref="LimitBytes"/> checkpoints it in <c>TRUNCATE</c> mode first
/// (<see cref="TrimBeforeClose"/>), once every few hundred hooks.
/// <para>
/// Under sustained writes from several processes SQLite's own checkpoints did not keep the log short either (issue 16: 95 MB
/// at 351 writes/s, 258 MB at ~1,350): past 1,000 pages every commit of every writer ran a passive checkpoint, each one
/// holding the checkpoint lock, copying only up to the oldest reader's snapshot and never restarting the log. So the store
/// turns SQLite's automatic checkpoint off (<see cref="Bound"/>) and checkpoints from the writer instead: a commit that
/// leaves the log longer than <see cref="CheckpointBytes"/> (one <c>stat</c>, the only work added to a write below it)
/// attempts a <c>TRUNCATE</c> checkpoint that waits at most <see cref="CheckpointWaitMs"/> for the readers and writers in its
/// way and empties the file (<see cref="TrimAfterCommit"/>); when they stay in the way, or another process is checkpointing,
/// the next commit tries again. A log that SQLite restarts by itself is cut back to <see cref="KeptBytes"/>
/// (<c>journal_size_limit</c>).
/// </para>
/// <para>
/// Bound: the log file stays under 16 MiB under sustained writes, checked by SqliteLogBoundTests at every sample while 4
/// writer processes write 20,000 changes (~1,500 a second on 2 cores) and a reader keeps the store open, following the
/// journal in short reads (measured: at most 4.4 MB; without the writer's checkpoint 155 MB). A reader that keeps one read
/// transaction open forever still pins the log, as with any WAL checkpoint; Baton's readers do not.
/// </para>
/// </summary>
internal static class SqliteLog
{
    /// <summary>The length of the log (about 250 pages, under SQLite's 1,000-page automatic checkpoint) past which a closing store empties it.</summary>
    public const long LimitBytes = 1 << 20;

    /// <summary>The length SQLite cuts the log file back to when it restarts the log (<c>PRAGMA journal_size_limit</c>): 4 MiB,
    /// the 1,000 pages at which SQLite's automatic checkpoint (turned off here) would run.</summary>
    public const long KeptBytes = 4 << 20;

    /// <summary>The length of the log past which a writer, after its commit, attempts to empty it (see <see cref="TrimAfterCommit"/>).</summary>
    public const long CheckpointBytes = 4 << 20;

    /// <summary>Sets how long SQLite keeps the log file after restarting the log (<see cref="KeptBytes"/>) and turns SQLite's
    /// automatic checkpoint off, leaving checkpoints to <see cref="TrimAfterCommit"/> and <see cref="TrimBeforeClose"/>.</summary>
    /// <param name="connection">An open connection in WAL mode.</param>
    /// <exception cref="SqliteException">SQLite refused the setting.</exception>
    public static void Bound(SqliteConnection connection)
    {
        connection.Scalar($"PRAGMA journal_size_limit = {KeptBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        connection.Scalar("PRAGMA wal_autocheckpoint = 0");
    }

    /// <summary>Tells SQLite not to checkpoint the log when <paramref name="connection"/> closes.</summary>
    /// <param name="connection">An open connection.</param>
    /// <exception cref="SqliteException">SQLite refused the setting.</exception>
    public static void KeepOnClose(SqliteConnection connection) =>
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _),
            connection.Handle);

    /// <summary>
    /// Checkpoints the log and empties its file when it is longer than <see cref="LimitBytes"/>. When other connections are
    /// in the way the checkpoint gives up at once (busy timeout 0), and the next store to close tries again.
    /// </summary>
    /// <param name="connection">An open connection outside any transaction, about to be closed.</param>
    public static void TrimBeforeClose(SqliteConnection connection) => TrimPast(connection, LimitBytes, waitMs: 0);

    /// <summary>
    /// Attempts to empty the log when a commit left it longer than <see cref="CheckpointBytes"/>: a <c>TRUNCATE</c> checkpoint
    /// that waits at most <see cref="CheckpointWaitMs"/> for the readers and writers in its way (while it holds the write lock
    /// new readers start past the log, so readers in a short read are soon out of its way). When they are not, it gives up
    /// and the next commit tries again.
    /// </summary>
    /// <param name="connection">An open connection outside any transaction, with busy timeout 0, whose write just committed.</param>
    public static void TrimAfterCommit(SqliteConnection connection) => TrimPast(connection, CheckpointBytes, CheckpointWaitMs);

    /// <summary>How long, in milliseconds, a checkpoint after a commit waits for the readers and writers in its way (measured in
    /// SqliteLogBoundTests: the successful ones took 11 ms at the median, 77 ms at most, copying up to 4 MiB).</summary>
    public const int CheckpointWaitMs = 10;

    private static void TrimPast(SqliteConnection connection, long limit, int waitMs)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        if (!log.Exists || log.Length <= limit)
        {
            return;
        }

        try
        {
            connection.Execute($"PRAGMA busy_timeout = {waitMs.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            connection.Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // Housekeeping must not fail a write or a close: the writes are committed, and the next attempt may succeed.
        }
        finally
        {
            // Writers wait for the write lock in their own loop (SqliteTransactions), never in SQLite's busy handler.
            connection.Execute("PRAGMA busy_timeout = 0");
        }
    }
}
