using Baton.Core.Storage;

namespace Baton.Web;

/// <summary>The page's stores: a pool (<see cref="StorePool"/>), each request renting one for its reads and changes.</summary>
internal sealed class StoreAccess : IDisposable
{
    private readonly StorePool _pool;

    /// <summary>Creates the access.</summary>
    /// <param name="stores">Opens the store.</param>
    public StoreAccess(IStoreFactory stores) => _pool = new StorePool(stores);

    /// <summary>Runs <paramref name="use"/> with a store of its own; a store whose call failed is closed, not reused.</summary>
    /// <typeparam name="T">What it returns.</typeparam>
    /// <param name="use">The reads or changes.</param>
    /// <returns>What <paramref name="use"/> returned.</returns>
    public T Use<T>(Func<IBatonStore, T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var store = _pool.Rent();
        var healthy = false;
        try
        {
            var result = use(store);
            healthy = true;
            return result;
        }
        catch (Exception e) when (Actions.Refusal.Is(e))
        {
            healthy = true;
            throw;
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _pool.Dispose();
}
