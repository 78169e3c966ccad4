using System.Diagnostics;
using Baton.Cli.Hooks;
using Baton.Core.Home;
using Baton.Core.Storage;

namespace Baton.Cli.Serve;

/// <summary>
/// The resident server's git probes (<see cref="HookHandler.RecordGit"/>, one <c>git status</c> each), at most one per
/// session every <see cref="Interval"/>. A hook call whose event may have changed a working tree asks for a probe after it
/// answered: it runs at once when the session's last probe started at least <see cref="Interval"/> ago; else it waits until
/// then and serves every ask of that session made meanwhile (the latest working tree wins). An ask made while a probe runs
/// schedules the next one, so the last change of a burst is always read.
/// <para>Why: a busy session asks at every Bash, Edit or Write call, and each <c>git status</c> is a process that took
/// about 10 ms of CPU at the very moment claude went on after the hook's answer; on a 2-core machine that slowed claude
/// itself (bench/README.md, "hotpath"). Coalesced, a burst of tool calls costs one probe a second. The session's branch and
/// dirty state (<c>baton ls</c>) are then at most <see cref="Interval"/> plus one probe old; what decides conflicts and
/// leases, the project root, is read from <c>.git</c>'s files at SessionStart, not here.</para>
/// </summary>
/// <param name="pool">The server's stores; a probe rents one to record what it read.</param>
/// <param name="log">Baton's log, for a probe that failed.</param>
/// <param name="stop">Cancelled when the server stops: probes not yet run are dropped (the next hook asks again).</param>
internal sealed class GitProbeQueue(StorePool pool, BatonLog log, CancellationToken stop)
{
    /// <summary>The least time between the starts of two probes of one session: 1 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, HookHandled> _asked = new(StringComparer.Ordinal); // session id -> latest ask not yet probed
    private readonly Dictionary<string, long> _lastStart = new(StringComparer.Ordinal); // session id -> its last probe's start (Stopwatch ticks)
    private readonly Lock _lock = new(); // guards both dictionaries

    /// <summary>Asks for a probe of what <paramref name="handled"/> names; nothing when it names no working tree.</summary>
    /// <param name="handled">What the hook call handled (<see cref="HookHandled.GitDirectory"/>).</param>
    public void Ask(HookHandled handled)
    {
        ArgumentNullException.ThrowIfNull(handled);
        if (handled.GitDirectory is null)
        {
            return;
        }

        TimeSpan wait;
        lock (_lock)
        {
            var waiting = _asked.ContainsKey(handled.SessionId);
            _asked[handled.SessionId] = handled;
            if (waiting)
            {
                return;
            }

            var since = _lastStart.TryGetValue(handled.SessionId, out var last) ? Stopwatch.GetElapsedTime(last) : Interval;
            wait = since < Interval ? Interval - since : TimeSpan.Zero;
        }

        _ = ProbeAsync(handled.SessionId, wait);
    }

    private async Task ProbeAsync(string sessionId, TimeSpan wait)
    {
        HookHandled handled;
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield(); // off the hook call's thread
            }

            lock (_lock)
            {
                _asked.Remove(sessionId, out handled!);
                ForgetOldStarts();
                _lastStart[sessionId] = Stopwatch.GetTimestamp();
            }

            var store = pool.Rent();
            var healthy = false;
            try
            {
                HookHandler.RecordGit(handled, store);
                healthy = true;
            }
            finally
            {
                pool.Return(store, healthy);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!stop.IsCancellationRequested)
            {
                log.Write("serve git", $"{e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Drops the start times that no longer delay a probe, so sessions long gone are not kept; under the lock.</summary>
    private void ForgetOldStarts()
    {
        foreach (var (sessionId, start) in _lastStart)
        {
            if (Stopwatch.GetElapsedTime(start) >= Interval && !_asked.ContainsKey(sessionId))
            {
                _lastStart.Remove(sessionId);
            }
        }
    }
}
