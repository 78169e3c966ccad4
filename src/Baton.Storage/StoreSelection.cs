using Baton.Core.Home;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;

namespace Baton.Storage;

/// <summary>
/// The one place that picks Baton's store. Today that is the SQLite file in Baton's home (<see cref="BatonHome.DatabasePath"/>);
/// the team store (PostgreSQL) is to be chosen here from Baton's configuration. Every other part of Baton receives an
/// <see cref="IStoreFactory"/> and never names an implementation.
/// </summary>
public static class StoreSelection
{
    /// <summary>The store of a home.</summary>
    /// <param name="home">Baton's home (created 0700 before the store in it is opened).</param>
    /// <param name="time">The stores' clock.</param>
    /// <returns>The factory.</returns>
    public static IStoreFactory For(BatonHome home, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(home);
        return new SqliteStoreFactory(home.DatabasePath, time, home.EnsureCreated);
    }
}
