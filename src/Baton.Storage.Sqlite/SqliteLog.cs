using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The write-ahead log across short-lived processes. SQLite's last connection to close folds the log into the database file
/// and deletes it; most of Baton's processes are hooks that are the only ones open, so that cost every hook 4 fsyncs
/// (measured with strace: 4,008 over 1,000 open, write, close cycles). So the store keeps the log on close
/// (<see cref="KeepOnClose"/>). SQLite's automatic checkpoint (every 1,000 pages) does not keep such a log short: the next
/// process to open the file alone rebuilds the log's index, no longer knows which frames were copied, never restarts the log
/// and copies all of it at every commit past 1,000 pages (measured: 8.9 MB after 1,000 cycles, 3 fsyncs per cycle). So a
/// store that closes a log longer than <see cref="LimitBytes"/> checkpoints it in <c>TRUNCATE</c> mode first
/// (<see cref="TrimBeforeClose"/>), once every few hundred hooks. Processes that keep the store open leave checkpoints to
/// SQLite, which restarts the log while the index lives.
/// </summary>
internal static class SqliteLog
{
    /// <summary>The length of the log (about 250 pages, under SQLite's 1,000-page automatic checkpoint) past which a closing store empties it.</summary>
    public const long LimitBytes = 1 << 20;

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
    public static void TrimBeforeClose(SqliteConnection connection)
    {
        var log = new FileInfo(connection.DataSource + "-wal");
        if (!log.Exists || log.Length <= LimitBytes)
        {
            return;
        }

        try
        {
            connection.Scalar("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
            // Closing must not fail for housekeeping: the writes are committed, and the next store to close tries again.
        }
    }
}
