namespace Baton.Storage.Sqlite;

/// <summary>
/// Tells a waiting process that a SQLite store may have changed, without polling it: a file-system watch (inotify on Linux)
/// on the database file and its write-ahead log, which every committed write transaction appends to. A change in between two
/// waits is remembered, so none is missed; several count as one. Spurious wake-ups are possible (a checkpoint), so a waiter
/// always reads the store again to see what, if anything, changed. Thread-safe.
/// </summary>
/// <remarks>
/// The notice can come before the commit is visible: SQLite writes the log first, then publishes the commit in the
/// shared-memory index, through a memory map, which raises no notice. A waiter that reads at once may see nothing new
/// (measured: 3 wake-ups in 20 then waited for the fallback). So each notice is repeated <see cref="EchoDelays"/> later,
/// counted from the last notice, and a waiter reads again then.
/// </remarks>
public sealed class SqliteChangeSignal : Core.Storage.IStoreChangeFeed
{
    /// <summary>When a notice is repeated, after the last one: 20 ms, 100 ms and 500 ms.</summary>
    public static readonly IReadOnlyList<TimeSpan> EchoDelays = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)];

    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Lock _lock = new();
    private readonly Timer _echo;
    private int _echoStep;
    private bool _disposed;

    /// <summary>Starts watching.</summary>
    /// <param name="databasePath">The store's database file (it need not exist yet; its folder must).</param>
    /// <exception cref="ArgumentException">The path is blank.</exception>
    /// <exception cref="IOException">The folder cannot be watched (for example, the system's limit of watches is reached).</exception>
    public SqliteChangeSignal(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var full = Path.GetFullPath(databasePath);
        _echo = new Timer(_ => Echo());
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

    /// <summary>Starts watching, or says why it cannot (for example, the system's limit of inotify watches is reached).</summary>
    /// <param name="databasePath">The store's database file.</param>
    /// <param name="failure">Why not, when the result is null.</param>
    /// <returns>The signal, or null when the folder cannot be watched: the caller then looks at the store now and then.</returns>
    public static SqliteChangeSignal? TryStart(string databasePath, out string? failure)
    {
        try
        {
            failure = null;
            return new SqliteChangeSignal(databasePath);
        }
        catch (IOException e)
        {
            failure = e.Message;
            return null;
        }
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
        lock (_lock)
        {
            _disposed = true;
            _echo.Dispose();
        }

        _changed.Dispose();
    }

    private void OnChanged(object sender, EventArgs e)
    {
        lock (_lock)
        {
            _echoStep = 0;
            if (!_disposed)
            {
                _echo.Change(EchoDelays[0], Timeout.InfiniteTimeSpan);
            }
        }

        Signal();
    }

    private void Echo()
    {
        lock (_lock)
        {
            if (++_echoStep < EchoDelays.Count && !_disposed)
            {
                _echo.Change(EchoDelays[_echoStep] - EchoDelays[_echoStep - 1], Timeout.InfiniteTimeSpan);
            }
        }

        Signal();
    }

    private void Signal()
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
