using Baton.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Turns what SQLite threw into the <see cref="StoreException"/> the rest of Baton handles, telling a failure of
/// the moment (the write lock busy or a table locked: <see cref="StoreException.IsTransient"/>) from a lasting one.</summary>
internal static class SqliteFailure
{
    private const int Busy = 5;
    private const int Locked = 6;

    /// <summary>The exception to throw.</summary>
    /// <param name="message">What failed, naming the store, then SQLite's own words.</param>
    /// <param name="e">What SQLite (or the file system) threw.</param>
    /// <returns>The store exception.</returns>
    public static StoreException Of(string message, Exception e) =>
        new(message, e, transient: e is SqliteException { SqliteErrorCode: Busy or Locked });
}
