namespace Baton.Core.Storage;

/// <summary>
/// The one way Baton follows the store: waits on its change feed (<see cref="IStoreFactory.WatchChanges"/>: SQLite's file
/// watch, a server store's notifications) and looks anyway at least every <see cref="Fallback"/>, in case a notice is
/// missed; without a feed (the system's limit of watches reached) it looks every <see cref="Fallback"/>. A follower never
/// says what changed: it then reads the store (the journal from the last sequence it saw, an inbox count, a session). Used by
/// <c>events --follow</c>, <c>inbox --wait</c>, <c>watch</c> and the wake hook in a process of its own. Not thread-safe: one
/// follower per loop.
/// </summary>
public sealed class StoreFollower : IDisposable
{
    /// <summary>The default longest time between two looks at the store when no notice comes: 2 s.</summary>
    public static readonly TimeSpan DefaultFallback = TimeSpan.FromSeconds(2);

    private readonly IStoreChangeFeed? _feed;
    private readonly TimeProvider _time;
    private long _lastLook;

    /// <summary>Follows a change feed.</summary>
    /// <param name="feed">The store's change feed, or null to look every <paramref name="fallback"/>.</param>
    /// <param name="time">The clock the fallback is measured by.</param>
    /// <param name="fallback">The longest time between two looks; <see cref="DefaultFallback"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fallback"/> is not positive.</exception>
    public StoreFollower(IStoreChangeFeed? feed, TimeProvider time, TimeSpan? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Fallback = fallback ?? DefaultFallback;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Fallback, TimeSpan.Zero);
        _feed = feed;
        _time = time;
        _lastLook = time.GetTimestamp();
    }

    /// <summary>The longest time between two looks at the store.</summary>
    public TimeSpan Fallback { get; }

    /// <summary>Whether a change feed tells of changes (false: the follower only looks every <see cref="Fallback"/>).</summary>
    public bool Watching => _feed is not null;

    /// <summary>Starts following the store <paramref name="stores"/> opens.</summary>
    /// <param name="stores">The store's factory.</param>
    /// <param name="time">The clock.</param>
    /// <param name="failure">Why the store cannot be watched (the follower then only looks every <see cref="Fallback"/>), or null.</param>
    /// <returns>The follower; dispose it to stop watching.</returns>
    public static StoreFollower Open(IStoreFactory stores, TimeProvider time, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return new StoreFollower(stores.WatchChanges(out failure), time);
    }

    /// <summary>Waits until the store may have changed since the last wait or look, at most <paramref name="longest"/> and
    /// at most <see cref="Fallback"/>.</summary>
    /// <param name="longest">The caller's own limit (for example what is left of a time-out).</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>True when a change was noticed; false when the time ran out (look anyway).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<bool> WaitAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        var wait = longest < Fallback && longest >= TimeSpan.Zero ? longest : Fallback;
        bool changed;
        if (_feed is null)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            changed = false;
        }
        else
        {
            changed = await _feed.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }

        _lastLook = _time.GetTimestamp();
        return changed;
    }

    /// <summary>Asks without waiting whether to look at the store now: a change was noticed since the last wait or look, or
    /// <see cref="Fallback"/> passed since then. For loops that wait on something else (a terminal's keys).</summary>
    /// <returns>True when the caller should read the store now.</returns>
    public bool ShouldLook()
    {
        var noticed = _feed is not null && _feed.WaitAsync(TimeSpan.Zero, CancellationToken.None).GetAwaiter().GetResult();
        if (!noticed && _time.GetElapsedTime(_lastLook) < Fallback)
        {
            return false;
        }

        _lastLook = _time.GetTimestamp();
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _feed?.Dispose();
}
