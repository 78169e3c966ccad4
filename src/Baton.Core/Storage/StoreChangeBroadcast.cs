namespace Baton.Core.Storage;

/// <summary>
/// One watch of the store (<see cref="IStoreFactory.WatchChanges"/>) shared by every waiter in the resident server (wake hooks, the web page's live streams): each notice
/// completes the current <see cref="Ticket"/> and starts a new one. A waiter takes a ticket before it reads the store, so a
/// change between its read and its wait is not missed. Without a watch (the system's limit of watches reached) tickets never
/// complete and waiters fall back to their time-out. Thread-safe.
/// </summary>
public sealed class StoreChangeBroadcast : IDisposable
{
    private readonly IStoreChangeFeed? _signal;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts watching the store (its change feed).</summary>
    /// <param name="stores">Opens and watches the store.</param>
    /// <param name="failure">Why the store cannot be watched, or null.</param>
    public StoreChangeBroadcast(IStoreFactory stores, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _signal = stores.WatchChanges(out failure);
        if (_signal is not null)
        {
            _ = ForwardAsync(_signal);
        }
    }

    /// <summary>A task that completes at the next notice of a store change after this moment.</summary>
    public Task Ticket => Volatile.Read(ref _next).Task;

    /// <summary>Waits until <paramref name="ticket"/> completes or <paramref name="timeout"/> passes.</summary>
    /// <param name="ticket">A <see cref="Ticket"/> taken before the caller last read the store.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task WaitAsync(Task ticket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        try
        {
            await ticket.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The fallback look: the caller reads the store anyway.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _signal?.Dispose();
        _stop.Dispose();
    }

    private async Task ForwardAsync(IStoreChangeFeed signal)
    {
        try
        {
            while (true)
            {
                if (await signal.WaitAsync(Timeout.InfiniteTimeSpan, _stop.Token).ConfigureAwait(false))
                {
                    Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
