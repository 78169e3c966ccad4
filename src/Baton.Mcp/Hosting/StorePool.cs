using System.Collections.Concurrent;
using Baton.Core.Home;
using Baton.Storage.Sqlite;

namespace Baton.Mcp.Hosting;

/// <summary>
/// Open stores for concurrent tool calls: a <see cref="SqliteStore"/> is one connection and not thread-safe, so each call
/// rents one for itself (reusing an idle one, else opening another) and gives it back. A store that failed is closed instead.
/// </summary>
internal sealed class StorePool : IDisposable
{
    private const int MaxIdle = 4;

    private readonly ConcurrentBag<SqliteStore> _idle = [];
    private readonly BatonHome _home;
    private readonly TimeProvider _time;
    private volatile bool _disposed;

    public StorePool(BatonHome home, TimeProvider time)
    {
        _home = home;
        _time = time;
    }

    /// <summary>An idle store, or a newly opened one (creating Baton's home and the store file when missing).</summary>
    /// <exception cref="Core.Storage.StoreException">The store cannot be opened.</exception>
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
    public void Return(SqliteStore store, bool healthy)
    {
        if (!healthy || _disposed || _idle.Count >= MaxIdle)
        {
            store.Dispose();
            return;
        }

        _idle.Add(store);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var store))
        {
            store.Dispose();
        }
    }
}
