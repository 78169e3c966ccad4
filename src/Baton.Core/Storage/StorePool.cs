using System.Collections.Concurrent;

namespace Baton.Core.Storage;

/// <summary>
/// Open stores for concurrent calls in one long-lived process (the MCP server, the resident server): a store is one
/// connection and not thread-safe, so each call rents one for itself (reusing an idle one, else opening another through the
/// factory) and gives it back. A store that failed is closed instead. Thread-safe.
/// </summary>
public sealed class StorePool : IDisposable
{
    private const int MaxIdle = 4;

    private readonly ConcurrentBag<IBatonStore> _idle = [];
    private readonly IStoreFactory _stores;
    private volatile bool _disposed;

    /// <summary>Creates an empty pool; stores are opened as calls need them.</summary>
    /// <param name="stores">Opens the stores.</param>
    public StorePool(IStoreFactory stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = stores;
    }

    /// <summary>An idle store, or a newly opened one.</summary>
    /// <returns>A store for the caller alone until it is given back with <see cref="Return"/>.</returns>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    /// <exception cref="StoreException">No store could be opened.</exception>
    public IBatonStore Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var store) ? store : _stores.Open();
    }

    /// <summary>Gives a rented store back: kept for the next call when <paramref name="healthy"/>, else closed.</summary>
    /// <param name="store">The store <see cref="Rent"/> gave.</param>
    /// <param name="healthy">False when a call on it failed in a way that may have left the connection unusable.</param>
    public void Return(IBatonStore store, bool healthy)
    {
        ArgumentNullException.ThrowIfNull(store);
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
