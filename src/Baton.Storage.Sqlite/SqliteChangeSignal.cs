namespace Baton.Storage.Sqlite;

/// <summary>
/// Tells a waiting process that a SQLite store may have changed, without polling it: a file-system watch (inotify on Linux)
/// on the database file and its write-ahead log, which every committed write transaction appends to. A change in between two
/// waits is remembered, so none is missed; several count as one. Spurious wake-ups are possible (a checkpoint), so a waiter
/// always reads the store again to see what, if anything, changed. Thread-safe.
/// </summary>
public sealed class SqliteChangeSignal : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>Starts watching.</summary>
    /// <param name="databasePath">The store's database file (it need not exist yet; its folder must).</param>
    /// <exception cref="ArgumentException">The path is blank.</exception>
    /// <exception cref="IOException">The folder cannot be watched (for example, the system's limit of watches is reached).</exception>
    public SqliteChangeSignal(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full) + "*")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Waits until the store may have changed since the last wait, or until <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">The longest to wait (a fallback, so a missed notice costs at most this much delay).</param>
    /// <param name="cancellationToken">Ends the wait early with <see cref="OperationCanceledException"/>.</param>
    /// <returns>True when a change was noticed; false when the time ran out.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _changed.Dispose();
    }

    private void OnChanged(object sender, EventArgs e)
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A change is already waiting to be noticed.
        }
        catch (ObjectDisposedException)
        {
            // The watch ended while a notice was on its way.
        }
    }
}
