using System.Diagnostics;
using Baton.ClaudeCode.Registry;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Notifications;
using Baton.Platform.Processes;

namespace Baton.Cli.Serve;

/// <summary>
/// Follows Claude Code's own live-session registry (<c>~/.claude/sessions/&lt;pid&gt;.json</c>, see
/// <see cref="NativeSessionFile"/>) with a file-system watch, and records each status change it shows into Baton's
/// sessions (<see cref="SessionRegistry.Record(RegistryObservation, out SessionStatus?)"/>) within moments of claude
/// writing it: a permission prompt no hook announced, a dialog, a session at rest. Runs in the resident server; an entry
/// whose process is gone or whose pid was reused is skipped. Notifies a person like a hook's change does. Claude removes its
/// entry when it exits: a session whose SessionEnd has still not reached Baton <see cref="SessionEndGrace"/> later, while
/// its claude is gone, is ended by <see cref="EndExitedSessions"/> (SessionEnd is a background hook for a claude that has a
/// registry, see <see cref="Baton.ClaudeCode.Settings.BatonHooks.For"/>).
/// </summary>
internal sealed class NativeRegistryFollower : IDisposable
{
    private readonly string _folder;
    private readonly BatonHome _home;
    private readonly BatonLog _log;
    private readonly StorePool _pool;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, NativeSessionFile> _applied = [];
    private readonly List<(NativeSessionFile Entry, long RemovedAt)> _removed = [];
    private FileSystemWatcher? _watcher;
    private bool _polling;

    /// <summary>Creates a follower of <paramref name="folder"/>; it starts with <see cref="EnsureWatching"/>.</summary>
    /// <param name="folder">The registry folder (<see cref="NativeSessionFile.FolderOf"/>).</param>
    /// <param name="home">Baton's home (for notifications).</param>
    /// <param name="log">Where failures are written.</param>
    /// <param name="pool">The server's stores.</param>
    public NativeRegistryFollower(string folder, BatonHome home, BatonLog log, StorePool pool)
    {
        _folder = folder;
        _home = home;
        _log = log;
        _pool = pool;
    }

    /// <summary>How long after claude removed a session's entry its SessionEnd may still arrive: the background hook runs
    /// after claude exited, through the relay, whose own wait for the server is <c>baton-relay</c>'s budget (5 s), or as a
    /// <c>baton hook</c> process of its own. 15 s.</summary>
    public static readonly TimeSpan SessionEndGrace = TimeSpan.FromSeconds(15);

    /// <summary>The folder followed.</summary>
    public string Folder => _folder;

    /// <summary>
    /// Starts watching once the folder exists (claude makes it at its first start), reading every entry there first; does
    /// nothing more when already watching or while there is no folder. Call it again now and then (the server does, every
    /// <see cref="ResidentServer.WatchInterval"/>): where no watch can be made (the user's inotify instances are used up),
    /// each call reads the folder instead.
    /// </summary>
    public void EnsureWatching()
    {
        lock (_gate)
        {
            if ((_watcher is not null && !_polling) || !Directory.Exists(_folder))
            {
                return;
            }

            if (_watcher is null && !_polling)
            {
                try
                {
                    _watcher = Watch();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                    _polling = true;
                    _log.Write("serve", $"cannot watch {_folder} ({e.Message}); reading it every {ResidentServer.WatchInterval.TotalSeconds:0} s instead");
                }
            }
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
            {
                Read(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Write("serve", $"reading {_folder} failed ({e.Message})");
        }
    }

    private FileSystemWatcher Watch()
    {
        var watcher = new FileSystemWatcher(_folder, "*.json") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        try
        {
            watcher.Created += (_, e) => Read(e.FullPath);
            watcher.Changed += (_, e) => Read(e.FullPath);
            watcher.Renamed += (_, e) => Read(e.FullPath);
            watcher.Deleted += (_, e) => Forget(e.Name);
            watcher.Error += (_, e) => _log.Write("serve", $"watching {_folder} failed ({e.GetException().Message})");
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }
    }

    /// <summary>The entries last read that say their session is idle at its prompt and name its messaging socket
    /// (<see cref="NativeMessagingSocket"/>): the sessions a message can wake through claude itself.</summary>
    /// <returns>A snapshot, in no order.</returns>
    public IReadOnlyList<NativeSessionFile> AtRest()
    {
        lock (_gate)
        {
            return [.. _applied.Values.Where(e => e.Status == NativeSessionFile.Idle && e.MessagingSocketPath is not null)];
        }
    }

    /// <summary>The claude process an entry is of, while it runs: an entry left by a process that is gone, or whose pid now
    /// belongs to another process (its start differs from <see cref="NativeSessionFile.ProcessStartTicks"/>), says nothing.</summary>
    /// <param name="entry">A registry entry.</param>
    /// <returns>The process, or null.</returns>
    public static ProcessIdentity? RunningProcess(NativeSessionFile entry) =>
        ProcessTable.Identify(entry.Pid) is { } process
        && !(entry.ProcessStartTicks is { } ticks && process.StartTicks is { } actual && ticks != actual)
            ? process
            : null;

    /// <summary>Reads one entry and records it when its status changed since it was last read.</summary>
    /// <param name="path">The entry's file.</param>
    public void Read(string path)
    {
        if (!NativeSessionFile.IsEntry(Path.GetFileName(path)) || NativeSessionFile.TryRead(path) is not { Status: { } state } entry)
        {
            return;
        }

        lock (_gate)
        {
            if (_applied.TryGetValue(entry.Pid, out var last)
                && last.SessionId == entry.SessionId && last.Status == entry.Status && last.WaitingFor == entry.WaitingFor
                && last.Name == entry.Name && last.NameSource == entry.NameSource)
            {
                return;
            }

            if (RunningProcess(entry) is not { } process)
            {
                return;
            }

            _applied[entry.Pid] = entry;
            // Claude's name is news only when it changed (a /rename there) or is first seen: a rewrite for a status must not
            // bring back a name Baton has renamed meanwhile, before claude took the new one.
            var renamed = last is null || last.SessionId != entry.SessionId || last.Name != entry.Name || last.NameSource != entry.NameSource;
            Record(entry, state, process, renamed ? entry.Name : null);
        }
    }

    private void Record(NativeSessionFile entry, string state, ProcessIdentity process, string? name) =>
        WithStore($"registry entry of pid {entry.Pid}", store =>
        {
            var registry = new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System);
            var observation = new RegistryObservation
            {
                SessionId = entry.SessionId,
                // Claude's own time of the change, not the time it was read: a rewrite of the entry for another field
                // (its name) must not bring back a status a later hook has replaced.
                Order = HookEventOrder.Compose(
                    entry.StatusUpdatedAt is { } changed ? ProcessTable.OnProcessClock(changed) : ProcessTable.Now(), HookEvents.Notification),
                State = state,
                WaitingFor = entry.WaitingFor,
                Name = name,
                NameSource = entry.NameSource,
                Cwd = entry.Cwd,
                Process = process,
                At = DateTimeOffset.UtcNow,
            };
            if (registry.Record(observation, out var previous) is { } session && session.Status.NeedsPerson() && previous != session.Status)
            {
                // Notified as the session's own hooks would: with its claude's PATH and desktop variables.
                new StatusChangeNotifier(_home, registry, DesktopNotifier.InBackground(_home, ProcessEnvironment.Of(process.Pid))).OnStatusChanged(previous, session);
            }
        });

    private void Forget(string? fileName)
    {
        if (fileName is not null && NativeSessionFile.IsEntry(fileName))
        {
            lock (_gate)
            {
                if (_applied.Remove(int.Parse(fileName.AsSpan(0, fileName.Length - ".json".Length), System.Globalization.CultureInfo.InvariantCulture), out var entry))
                {
                    _removed.Add((entry, Stopwatch.GetTimestamp()));
                }
            }
        }
    }

    /// <summary>
    /// Ends each session whose entry claude removed at least <see cref="SessionEndGrace"/> ago, if it is still open and its
    /// claude is gone: its SessionEnd never reached Baton (<see cref="SessionRegistry.EndExited"/>, end reason
    /// <see cref="SessionRegistry.ExitedReason"/>), and its locks, claims and tasks go back as a SessionEnd's would. The
    /// server calls it every <see cref="ResidentServer.WatchInterval"/>.
    /// </summary>
    public void EndExitedSessions()
    {
        List<NativeSessionFile> due;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            due = [.. _removed.Where(r => Stopwatch.GetElapsedTime(r.RemovedAt, now) >= SessionEndGrace).Select(r => r.Entry)];
            _removed.RemoveAll(r => Stopwatch.GetElapsedTime(r.RemovedAt, now) >= SessionEndGrace);
        }

        foreach (var sessionId in due.Select(e => e.SessionId))
        {
            WithStore($"ending session {SessionRegistry.ShortId(sessionId)}", store =>
            {
                if (new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).EndExited(sessionId, sessionId))
                {
                    AbandonedWorkSweep.Release(store, TimeProvider.System, sessionId, sessionId);
                    _log.Write("serve", $"session {SessionRegistry.ShortId(sessionId)}: claude exited and no SessionEnd arrived within {SessionEndGrace.TotalSeconds:0} s; ended as '{SessionRegistry.ExitedReason}'");
                }
            });
        }
    }

    /// <summary>Runs a change with a store of the pool; a failure is logged with <paramref name="what"/>, never thrown.</summary>
    private void WithStore(string what, Action<IBatonStore> change)
    {
        var store = _pool.Rent();
        var healthy = false;
        try
        {
            change(store);
            healthy = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Write("serve", $"{what}: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _pool.Return(store, healthy);
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
        }
    }
}
