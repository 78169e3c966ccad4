using Baton.ClaudeCode.Tasks;

namespace Baton.Cli.Watch;

/// <summary>
/// Tells the dashboard when a Claude Code native list it shows changed on disk: a change no hook journaled (a session
/// without Baton's hooks, a file edited by hand) moves no journal entry. One <see cref="FileSystemWatcher"/> per folder of
/// a list shown (at most <see cref="MaxFolders"/>), not recursive, and one on Claude Code's <c>tasks/</c> folder for a
/// list's folder that appears. Events only set a flag (<see cref="TakeChanged"/>), so the dashboard's one thread does all
/// reading; a watcher that cannot be made (no folder, no inotify instance left) is left out and the journal still drives
/// the pane.
/// </summary>
internal sealed class NativeListWatcher : IDisposable
{
    /// <summary>The most list folders watched.</summary>
    public const int MaxFolders = 32;

    private readonly string _claudeDirectory;
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private int _changed;

    /// <summary>Creates a watcher of no list yet.</summary>
    /// <param name="claudeDirectory">Claude Code's folder (its native lists are under <c>tasks/</c>).</param>
    public NativeListWatcher(string claudeDirectory)
    {
        ArgumentNullException.ThrowIfNull(claudeDirectory);
        _claudeDirectory = claudeDirectory;
    }

    /// <summary>Watches the folders of these lists (those that exist, the first <see cref="MaxFolders"/>) and no others.</summary>
    /// <param name="lists">The lists the pane shows.</param>
    public void Watch(IEnumerable<string> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var wanted = lists
            .Where(NativeTask.IsListName)
            .Select(l => NativeTask.Folder(_claudeDirectory, l))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxFolders)
            .Append(Path.Combine(_claudeDirectory, "tasks"))
            .Where(Directory.Exists)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _watchers.Keys.Where(f => !wanted.Contains(f)).ToList())
        {
            _watchers[gone].Dispose();
            _watchers.Remove(gone);
        }

        foreach (var folder in wanted.Where(f => !_watchers.ContainsKey(f)))
        {
            if (Open(folder) is { } watcher)
            {
                _watchers[folder] = watcher;
            }
        }
    }

    /// <summary>Whether a watched folder changed since the last call (and forgets it).</summary>
    /// <returns>True when something changed, or a watcher lost events.</returns>
    public bool TakeChanged() => Interlocked.Exchange(ref _changed, 0) == 1;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var watcher in _watchers.Values)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private FileSystemWatcher? Open(string folder)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => Changed();
            watcher.Created += (_, _) => Changed();
            watcher.Deleted += (_, _) => Changed();
            watcher.Renamed += (_, _) => Changed();
            watcher.Error += (_, _) => Changed();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            return null;
        }
    }

    private void Changed() => Interlocked.Exchange(ref _changed, 1);
}
