namespace Baton.Core.Storage;

/// <summary>
/// Opens Baton's store and watches it for changes: the one way any part of Baton reaches its store. Which store it is
/// (the SQLite file in Baton's home, or a team's PostgreSQL database) is decided once, where the factory is made
/// (<c>Baton.Storage.StoreSelection</c>).
/// Thread-safe.
/// </summary>
public interface IStoreFactory
{
    /// <summary>What the store is, for people: e.g. <c>sqlite:/home/u/.baton/baton.db</c>.</summary>
    string Description { get; }

    /// <summary>Opens a connection to the store, creating and migrating it when needed.</summary>
    /// <returns>The store; the caller disposes it.</returns>
    /// <exception cref="StoreException">The store cannot be opened, or its schema is newer than this Baton.</exception>
    IBatonStore Open();

    /// <summary>Starts a change feed: a signal that some process committed a change to the store.</summary>
    /// <param name="failure">Why no feed could be started (then null is returned and followers look on a timer).</param>
    /// <returns>The feed, or null.</returns>
    IStoreChangeFeed? WatchChanges(out string? failure);

    /// <summary>
    /// The process of this machine holding the store's write lock now, if that can be told: for the SQLite file on Linux it
    /// is read from <c>/proc/locks</c> without touching the store; for a team store it is not told (null), its server
    /// decides who waits.
    /// </summary>
    /// <returns>The holder, or null when the lock is free or its holder cannot be told.</returns>
    StoreLockHolder? FindWriteLockHolder();
}
