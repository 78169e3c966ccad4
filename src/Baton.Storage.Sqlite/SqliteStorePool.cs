using System.Collections.Concurrent;
using Baton.Core.Home;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Open stores for concurrent calls in one long-lived process (the MCP server, the resident server): a
/// <see cref="SqliteStore"/> is one connection and not thread-safe, so each call rents one for itself (reusing an idle one,
/// else opening another) and gives it back. A store that failed is closed instead. Thread-safe.
/// </summary>
public sealed class SqliteStorePool : IDisposable
{
    private const int MaxIdle = 4;

    private readonly ConcurrentBag<SqliteStore> _idle = [];
    private readonly BatonHome _home;
    private readonly TimeProvider _time;
    private volatile bool _disposed;

    /// <summary>Creates an empty pool; stores are opened as calls need them.</summary>
    /// <param name="home">Baton's home, whose <see cref="BatonHome.DatabasePath"/> is opened.</param>
    /// <param name="time">The clock the stores' journal times come from.</param>
    public SqliteStorePool(BatonHome home, TimeProvider time)
    {
        _home = home;
        _time = time;
    }

    /// <summary>An idle store, or a newly opened one (creating Baton's home and the store file when missing).</summary>
    /// <returns>A store for the caller alone until it is given back with <see cref="Return"/>.</returns>
    /// <exception cref="Core.Storage.StoreException">The store cannot be opened.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public SqliteStore Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var store))
        {
            return store;
        }

        _home.EnsureCreated();
        return SqliteStore.Open(_home.DatabasePath, _time);
    }

    /// <summary>Gives a store back: kept for the next call when it is healthy and few are idle, else closed.</summary>
    /// <param name="store">A store rented from this pool.</param>
    /// <param name="healthy">False when a call on it failed, so it is closed rather than reused.</param>
    public void Return(SqliteStore store, bool healthy)
    {
        if (!healthy || _disposed || _idle.Count >= MaxIdle)
        {
            store.Dispose();
            return;
        }

        _idle.Add(store);
    }

    /// <summary>Closes the idle stores; stores still rented are closed when given back.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var store))
        {
            store.Dispose();
        }
    }
}
