using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>
/// The dashboard's model: the sessions in order, the filter, the selection and the mode of the keys. Pure: no I/O, no
/// clock; <see cref="Handle"/> turns a key into a change of state and a <see cref="DashboardCommand"/> for the loop to run.
/// </summary>
internal sealed class DashboardState
{
    private const int PageStep = 10;
    private readonly string _defaultDirectory;
    private readonly string? _userHome;
    private IReadOnlyList<WatchedSession> _all = [];
    private string? _selectedId;

    /// <summary>Creates the state.</summary>
    /// <param name="defaultDirectory">The folder a new session starts in when none is typed (the current folder), absolute.</param>
    /// <param name="userHome">The user's home, for a typed folder starting with <c>~</c>; null leaves <c>~</c> as is.</param>
    /// <param name="filter">A filter to start with, or null.</param>
    public DashboardState(string defaultDirectory, string? userHome = null, string? filter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(defaultDirectory);
        _defaultDirectory = defaultDirectory;
        _userHome = userHome;
        Filter = string.IsNullOrWhiteSpace(filter) ? null : filter;
    }

    /// <summary>All live sessions, in the dashboard's order (<see cref="WatchedSession.Order"/>).</summary>
    public IReadOnlyList<WatchedSession> Sessions => _all;

    /// <summary>The sessions that match <see cref="Filter"/>, in order: the rows.</summary>
    public IReadOnlyList<WatchedSession> Visible { get; private set; } = [];

    /// <summary>The index of the selected row in <see cref="Visible"/>, or -1 when there are no rows.</summary>
    public int SelectedIndex { get; private set; } = -1;

    /// <summary>The selected session, or null when there are no rows.</summary>
    public WatchedSession? Selected => SelectedIndex >= 0 ? Visible[SelectedIndex] : null;

    /// <summary>The filter text, or null for none.</summary>
    public string? Filter { get; private set; }

    /// <summary>What keys do now.</summary>
    public DashboardMode Mode { get; private set; } = DashboardMode.Normal;

    /// <summary>The text typed so far in <see cref="DashboardMode.NewFolder"/>, <see cref="DashboardMode.NewTask"/> or <see cref="DashboardMode.FilterInput"/>.</summary>
    public string Input { get; private set; } = "";

    /// <summary>The session <see cref="DashboardMode.ConfirmKill"/> asks about.</summary>
    public WatchedSession? PendingKill { get; private set; }

    /// <summary>The folder chosen for the new session while its task is typed.</summary>
    public string? NewDirectory { get; private set; }

    /// <summary>The folder a new session starts in when none is typed.</summary>
    public string DefaultDirectory => _defaultDirectory;

    /// <summary>A one-line message for the footer (an action's result or error); cleared by the next key.</summary>
    public string? Message { get; private set; }

    /// <summary>The person's unread messages, shown under the header.</summary>
    public PersonInbox Person { get; private set; } = PersonInbox.Empty;

    /// <summary>How many hook events wait in the spool (the store could not take them in time), shown in the header.</summary>
    public int Spooled { get; private set; }

    /// <summary>The task lists the live sessions work, shown in the task pane under the sessions.</summary>
    public IReadOnlyList<WatchedTaskList> TaskLists { get; private set; } = [];

    /// <summary>Replaces the sessions (after the journal moved), keeping the selected session selected when it is still shown.</summary>
    /// <param name="sessions">The live sessions, in any order.</param>
    /// <param name="person">The person's unread messages; null leaves them as they were.</param>
    /// <param name="taskLists">The task lists the sessions work; null leaves them as they were.</param>
    /// <param name="spooled">How many hook events wait in the spool; null leaves it as it was.</param>
    public void SetSessions(IEnumerable<WatchedSession> sessions, PersonInbox? person = null, IReadOnlyList<WatchedTaskList>? taskLists = null, int? spooled = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _all = WatchedSession.Order(sessions);
        Person = person ?? Person;
        TaskLists = taskLists ?? TaskLists;
        Spooled = spooled ?? Spooled;
        Refilter();
    }

    /// <summary>Shows a message on the footer until the next key.</summary>
    /// <param name="message">The message.</param>
    public void ShowMessage(string message) => Message = message;

    /// <summary>Handles one key press.</summary>
    /// <param name="key">The key.</param>
    /// <returns>What the loop must do.</returns>
    public DashboardCommand Handle(ConsoleKeyInfo key)
    {
        Message = null;
        if (IsInterrupt(key))
        {
            return DashboardCommand.Exit;
        }

        return Mode switch
        {
            DashboardMode.ConfirmKill => ConfirmKill(key),
            DashboardMode.NewFolder or DashboardMode.NewTask or DashboardMode.FilterInput => Edit(key),
            _ => Normal(key),
        };
    }

    private static bool IsInterrupt(ConsoleKeyInfo key) =>
        key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    private DashboardCommand Normal(ConsoleKeyInfo key)
    {
        switch (key.Key)
        {
            case ConsoleKey.UpArrow:
                Move(-1);
                return DashboardCommand.None;
            case ConsoleKey.DownArrow:
                Move(1);
                return DashboardCommand.None;
            case ConsoleKey.PageUp:
                Move(-PageStep);
                return DashboardCommand.None;
            case ConsoleKey.PageDown:
                Move(PageStep);
                return DashboardCommand.None;
            case ConsoleKey.Home:
                Move(-Visible.Count);
                return DashboardCommand.None;
            case ConsoleKey.End:
                Move(Visible.Count);
                return DashboardCommand.None;
            case ConsoleKey.Enter:
                return Attach();
            case ConsoleKey.Escape:
                SetFilter(null);
                return DashboardCommand.None;
        }

        switch (key.KeyChar)
        {
            case 'a':
                return Attach();
            case 'k':
                if (Selected is null)
                {
                    Message = "No session to kill.";
                }
                else
                {
                    PendingKill = Selected;
                    Mode = DashboardMode.ConfirmKill;
                }

                return DashboardCommand.None;
            case 's':
                if (Selected is { } waiting)
                {
                    return new DashboardCommand.Ack(waiting.Session);
                }

                Message = "No session to mark as seen.";
                return DashboardCommand.None;
            case 'n':
                Begin(DashboardMode.NewFolder, "");
                return DashboardCommand.None;
            case '/':
                Begin(DashboardMode.FilterInput, Filter ?? "");
                return DashboardCommand.None;
            case 'q':
                return DashboardCommand.Exit;
            default:
                return DashboardCommand.None;
        }
    }

    private DashboardCommand Attach()
    {
        if (Selected is { } selected)
        {
            return new DashboardCommand.Attach(selected.Session);
        }

        Message = "No session to attach to.";
        return DashboardCommand.None;
    }

    private DashboardCommand ConfirmKill(ConsoleKeyInfo key)
    {
        var session = PendingKill!;
        PendingKill = null;
        Mode = DashboardMode.Normal;
        if (key.KeyChar == 'y')
        {
            return new DashboardCommand.Kill(session.Session);
        }

        Message = $"Not killed: {session.Label}.";
        return DashboardCommand.None;
    }

    private DashboardCommand Edit(ConsoleKeyInfo key)
    {
        switch (key.Key)
        {
            case ConsoleKey.Escape:
                if (Mode == DashboardMode.FilterInput)
                {
                    SetFilter(null);
                }

                End();
                return DashboardCommand.None;
            case ConsoleKey.Enter:
                return Commit();
            case ConsoleKey.Backspace:
                if (Input.Length > 0)
                {
                    Type(Input[..^1]);
                }

                return DashboardCommand.None;
        }

        if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar))
        {
            Type(Input + key.KeyChar);
        }

        return DashboardCommand.None;
    }

    private DashboardCommand Commit()
    {
        switch (Mode)
        {
            case DashboardMode.NewFolder:
                NewDirectory = ResolveFolder(Input);
                Begin(DashboardMode.NewTask, "");
                return DashboardCommand.None;
            case DashboardMode.NewTask:
                var command = new DashboardCommand.New(NewDirectory!, string.IsNullOrWhiteSpace(Input) ? null : Input.Trim());
                End();
                return command;
            default:
                End();
                return DashboardCommand.None;
        }
    }

    private void Type(string input)
    {
        Input = input;
        if (Mode == DashboardMode.FilterInput)
        {
            SetFilter(input);
        }
    }

    private void Begin(DashboardMode mode, string input)
    {
        Mode = mode;
        Input = input;
    }

    private void End()
    {
        Mode = DashboardMode.Normal;
        Input = "";
        NewDirectory = null;
    }

    private string ResolveFolder(string typed)
    {
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return _defaultDirectory;
        }

        if (_userHome is not null && (text == "~" || text.StartsWith("~/", StringComparison.Ordinal)))
        {
            text = Path.Join(_userHome, text[1..]);
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(text, _defaultDirectory));
    }

    private void SetFilter(string? filter)
    {
        Filter = string.IsNullOrWhiteSpace(filter) ? null : filter;
        Refilter();
    }

    private void Refilter()
    {
        var previous = SelectedIndex;
        Visible = _all.Where(w => w.Matches(Filter)).ToList();
        var kept = _selectedId is null ? -1 : IndexOf(_selectedId);
        Select(kept >= 0 ? kept : previous);
    }

    private int IndexOf(string sessionId)
    {
        for (var i = 0; i < Visible.Count; i++)
        {
            if (Visible[i].Session.SessionId == sessionId)
            {
                return i;
            }
        }

        return -1;
    }

    private void Move(int delta)
    {
        if (Visible.Count > 0)
        {
            Select((long)SelectedIndex + delta);
        }
    }

    private void Select(long index)
    {
        SelectedIndex = Visible.Count == 0 ? -1 : (int)Math.Clamp(index, 0, Visible.Count - 1);
        _selectedId = Selected?.Session.SessionId;
    }
}
