using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Cli.Watch;

/// <summary>
/// The live <c>baton watch</c> loop on one thread: reads keys every <see cref="KeyInterval"/>, reads new journal entries when
/// the store changed (a <see cref="StoreFollower"/>; sessions are re-read only when entries arrived), asks whether processes still run every
/// <see cref="LivenessInterval"/>, re-reads the task lists when the files of a native list shown changed (a
/// <see cref="NativeListWatcher"/>, at most every <see cref="TaskFileInterval"/>), and draws when something changed, the
/// terminal was resized or a second passed.
/// </summary>
internal sealed class LiveDashboard
{
    /// <summary>How often listed sessions' processes are checked (a process that dies writes no journal entry).</summary>
    public static readonly TimeSpan LivenessInterval = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two readings of the task lists for changed native task files (a write is several
    /// file events).</summary>
    public static readonly TimeSpan TaskFileInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the loop sleeps between looks at the keyboard.</summary>
    public static readonly TimeSpan KeyInterval = TimeSpan.FromMilliseconds(30);

    private readonly SessionFeed _feed;
    private readonly StoreFollower _changes;
    private readonly DashboardState _state;
    private readonly IWatchActions _actions;
    private readonly Action<Session, SessionStatus>? _notify;
    private readonly WatchTerminal _terminal;
    private readonly TimeProvider _time;
    private readonly NativeListWatcher? _nativeLists;
    private (int Width, int Height) _size;

    /// <summary>Creates the loop.</summary>
    /// <param name="feed">The sessions, started.</param>
    /// <param name="changes">Tells when the store changed.</param>
    /// <param name="state">The dashboard's state.</param>
    /// <param name="actions">Attach, kill and new.</param>
    /// <param name="notify">Called for each status change seen while watching, or null.</param>
    /// <param name="terminal">The terminal.</param>
    /// <param name="time">The clock (UTC).</param>
    /// <param name="nativeLists">Watches the folders of the native lists shown, or null.</param>
    public LiveDashboard(
        SessionFeed feed, StoreFollower changes, DashboardState state, IWatchActions actions, Action<Session, SessionStatus>? notify, WatchTerminal terminal,
        TimeProvider time, NativeListWatcher? nativeLists = null)
    {
        _nativeLists = nativeLists;
        _feed = feed;
        _changes = changes;
        _state = state;
        _actions = actions;
        _notify = notify;
        _terminal = terminal;
        _time = time;
    }

    /// <summary>Runs until <c>q</c>, Ctrl-C or <paramref name="cancellation"/>; the terminal is restored however it ends.</summary>
    /// <param name="cancellation">Cancelled by SIGTERM, SIGHUP or SIGINT.</param>
    public void Run(CancellationToken cancellation)
    {
        Show();
        var look = true;
        var lastLiveness = _time.GetTimestamp();
        var lastTaskFiles = _time.GetTimestamp();
        long second = -1;
        _size = WatchTerminal.Size();
        _terminal.Enter();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var redraw = false;
                while (WatchTerminal.TryReadKey(out var key))
                {
                    redraw = true;
                    var command = _state.Handle(key);
                    if (command is DashboardCommand.Quit)
                    {
                        return;
                    }

                    if (command is not DashboardCommand.Nothing)
                    {
                        Perform(command);
                    }
                }

                if (look || _changes.ShouldLook())
                {
                    look = false;
                    redraw |= Update(_feed.Poll());
                }

                if (_time.GetElapsedTime(lastLiveness) >= LivenessInterval)
                {
                    lastLiveness = _time.GetTimestamp();
                    redraw |= Update(_feed.CheckLiveness());
                }

                if (_nativeLists is not null && _time.GetElapsedTime(lastTaskFiles) >= TaskFileInterval && _nativeLists.TakeChanged())
                {
                    lastTaskFiles = _time.GetTimestamp();
                    _feed.ReloadTaskLists();
                    Show();
                    redraw = true;
                }

                if (_terminal.TakeErrors() is [.., var error])
                {
                    _state.ShowMessage(error);
                    redraw = true;
                }

                var size = WatchTerminal.Size();
                if (size != _size)
                {
                    _size = size;
                    _terminal.Invalidate();
                    redraw = true;
                }

                var now = _time.GetUtcNow().ToUnixTimeSeconds();
                if (now != second)
                {
                    second = now;
                    redraw = true;
                }

                if (redraw)
                {
                    Draw();
                }

                cancellation.WaitHandle.WaitOne(KeyInterval);
            }
        }
        finally
        {
            _terminal.Leave();
        }
    }

    private void Draw() => _terminal.Draw(
        DashboardRenderer.Render(_state, new DashboardLayout(_size.Width, _size.Height, Interactive: true), _time.GetUtcNow()), _size.Width);

    /// <summary>Hands the feed's sessions and task lists to the state, and watches the folders of the lists now shown.</summary>
    private void Show()
    {
        _state.SetSessions(_feed.Watched, _feed.Person, _feed.TaskLists, _feed.Spooled);
        _nativeLists?.Watch(_feed.TaskLists.Select(l => l.List));
    }

    private bool Update(IReadOnlyList<StatusChange>? changes)
    {
        if (changes is null)
        {
            return false;
        }

        Show();
        if (_notify is not null && changes.Count > 0)
        {
            foreach (var change in changes)
            {
                Try("notify", () => _notify(change.Session, change.Previous));
            }

            // A notifier's child process may have written to the terminal itself.
            _terminal.Repaint();
        }

        return true;
    }

    private void Perform(DashboardCommand command)
    {
        switch (command)
        {
            case DashboardCommand.Attach(var session):
                _terminal.Leave();
                try
                {
                    Try("attach", () => _actions.Attach(session));
                }
                finally
                {
                    _terminal.Enter();
                }

                break;
            case DashboardCommand.Kill(var session):
                var label = WatchedSession.LabelOf(session);
                _state.ShowMessage($"Killing {label}…");
                Draw();
                if (Try("kill", () => _actions.Kill(session)))
                {
                    _state.ShowMessage($"Killed {label}.");
                }

                break;
            case DashboardCommand.Ack(var session):
                if (Try("ack", () => _actions.Ack(session)))
                {
                    _state.ShowMessage($"Seen: {WatchedSession.LabelOf(session)}.");
                }

                break;
            case DashboardCommand.New(var directory, var task):
                _state.ShowMessage($"Starting a session in {directory}…");
                Draw();
                if (Try("new", () => _actions.New(directory, task)))
                {
                    _state.ShowMessage($"Started a session in {directory}.");
                }

                break;
        }

        Update(_feed.Refresh());
    }

    private bool Try(string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (UserErrorException e)
        {
            _state.ShowMessage(CommandLineRemedies.Describe(e));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _state.ShowMessage($"{what} failed: {e.Message}");
        }

        return false;
    }
}
