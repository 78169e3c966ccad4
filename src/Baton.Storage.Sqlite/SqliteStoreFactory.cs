using Baton.Core.Storage;

namespace Baton.Storage.Sqlite;

/// <summary>Opens the SQLite store in one file (created 0600, with its folder, on first use) and watches it
/// (<see cref="SqliteChangeSignal"/>). Thread-safe.</summary>
public sealed class SqliteStoreFactory : IStoreFactory
{
    private readonly string _databasePath;
    private readonly TimeProvider _time;
    private readonly Action _prepare;
    private readonly TimeSpan? _writeLockWait;

    /// <summary>Creates the factory.</summary>
    /// <param name="databasePath">The database file, e.g. <c>~/.baton/baton.db</c>.</param>
    /// <param name="time">The store's clock.</param>
    /// <param name="prepare">Runs before each open, e.g. creating Baton's 0700 home; null for nothing.</param>
    /// <param name="writeLockWait">How long the stores it opens wait for the write lock (see <see cref="SqliteStore.Open"/>);
    /// null for the default.</param>
    /// <exception cref="ArgumentException">The path is blank.</exception>
    public SqliteStoreFactory(string databasePath, TimeProvider time, Action? prepare = null, TimeSpan? writeLockWait = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(time);
        _databasePath = Path.GetFullPath(databasePath);
        _time = time;
        _prepare = prepare ?? (static () => { });
        _writeLockWait = writeLockWait;
    }

    /// <inheritdoc/>
    public string Description => "sqlite:" + _databasePath;

    /// <inheritdoc/>
    public IBatonStore Open()
    {
        _prepare();
        return SqliteStore.Open(_databasePath, _time, _writeLockWait);
    }

    /// <inheritdoc/>
    public IStoreChangeFeed? WatchChanges(out string? failure)
    {
        _prepare();
        return SqliteChangeSignal.TryStart(_databasePath, out failure);
    }

    /// <inheritdoc/>
    public StoreLockHolder? FindWriteLockHolder() => SqliteWriteLock.FindHolder(_databasePath);
}
