namespace Baton.Core.Storage;

/// <summary>
/// Tells that the store changed (any process's commit), without saying what: a follower then reads the journal from the
/// last sequence it saw. It may signal a change that a follower has already read, never miss one that came after a wait
/// began. SQLite's feed watches the database files; a server store's would listen for its notifications.
/// </summary>
public interface IStoreChangeFeed : IDisposable
{
    /// <summary>Waits for the next change.</summary>
    /// <param name="timeout">The longest to wait.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>True when a change was signalled; false when the time ran out.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
