using System.Runtime.InteropServices;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Turns what SQLite threw into the <see cref="StoreException"/> the rest of Baton handles, telling a failure of
/// the moment (the write lock busy or a table locked: <see cref="StoreException.IsTransient"/>) from a lasting one, and
/// naming a full disk as such: SQLite says "database or disk is full" for a short write (SQLITE_FULL) and only "disk I/O
/// error" when the file system refuses to grow a file another way (SQLITE_IOERR with the system error ENOSPC).</summary>
internal static class SqliteFailure
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int NotADatabase = 26;
    private const int NoSpaceLeft = 28;

    /// <summary>The exception to throw.</summary>
    /// <param name="what">What failed, naming the store, such as <c>Cannot write the store /x/baton.db</c>.</param>
    /// <param name="e">What SQLite (or the file system) threw.</param>
    /// <param name="connection">The connection that failed, if open: its last system error tells a full disk from other I/O errors.</param>
    /// <returns>The store exception: <c>WHAT: SQLite's words</c>, or <c>WHAT: the disk is full (SQLite's words) …</c>, or <c>WHAT: the file is damaged (…) …</c>.</returns>
    public static StoreException Of(string what, Exception e, SqliteConnection? connection = null)
    {
        var code = (e as SqliteException)?.SqliteErrorCode;
        var full = code == Full || (code == IoError && SystemError(connection) == NoSpaceLeft);
        var damaged = IsDamage(e);
        var message = full
            ? $"{what}: the disk is full ({e.Message}); free some space on it and try again"
            : damaged
                ? $"{what}: the file is damaged ({e.Message}); baton doctor says how to recover it"
                : $"{what}: {e.Message}";
        return new StoreException(message, e, transient: code is Busy or Locked, damaged: damaged);
    }

    /// <summary>Whether SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB), as opposed to unreachable or busy.</summary>
    /// <param name="e">What SQLite threw.</param>
    /// <returns>True for a damaged file.</returns>
    public static bool IsDamage(Exception e) => e is SqliteException { SqliteErrorCode: Corrupt or NotADatabase };

    /// <summary>The errno of the last system call that failed on the connection (SQLite's <c>sqlite3_system_errno</c>,
    /// which the SQLitePCLRaw bindings leave out), or null without an open connection or when the native library has no
    /// such function (a SQLite other than the bundled one): the original failure must not be lost to this lookup.</summary>
    private static int? SystemError(SqliteConnection? connection)
    {
        if (connection?.Handle is not { IsInvalid: false } handle)
        {
            return null;
        }

        try
        {
            return NativeSystemErrno(handle.DangerousGetHandle());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_system_errno")]
    private static extern int NativeSystemErrno(IntPtr database);
}
