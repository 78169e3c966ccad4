using Baton.Core.Messages;
using Baton.Core.Sessions;
using Baton.Core.Text;
using Spectre.Console;

namespace Baton.Cli.Watch;

/// <summary>
/// Draws a <see cref="DashboardState"/> as a <see cref="DashboardFrame"/>: a header with the counts, the person's oldest
/// unread messages (one line each), the column titles,
/// one row per session (those that need a person marked <c>!</c> and coloured, the selection marked <c>&gt;</c> and
/// inverted), the task pane of the lists the sessions work (<see cref="WatchedTaskList"/>; when the height is given, the
/// rows the sessions leave, and at least half), and a footer with the keys, a prompt or a message. Pure: the same state, layout and time give the same frame.
/// </summary>
internal static class DashboardRenderer
{
    /// <summary>The keys, as the footer lists them.</summary>
    public const string Keys = "up/down select  enter/a attach  k kill  s seen  n new  / filter  q quit";

    /// <summary>Cells before the ID column: the selection mark, the needs-a-person mark, a space.</summary>
    public const int PrefixWidth = 3;

    private static readonly Style HeaderStyle = new(decoration: Decoration.Bold);
    private static readonly Style TitleStyle = new(Color.Grey, decoration: Decoration.Bold);
    private static readonly Style PermissionStyle = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style InputStyle = new(Color.Yellow, decoration: Decoration.Bold);
    private static readonly Style KeysStyle = new(Color.Grey);
    private static readonly Style MessageStyle = new(Color.Yellow, decoration: Decoration.Bold);
    private static readonly Style PromptStyle = new(decoration: Decoration.Bold);

    /// <summary>Draws a frame.</summary>
    /// <param name="state">The state.</param>
    /// <param name="layout">The space and the kind of frame.</param>
    /// <param name="now">The current time (UTC), for ages and waits.</param>
    /// <returns>The frame: every line at most <see cref="DashboardLayout.Width"/> cells; exactly
    /// <see cref="DashboardLayout.Height"/> lines when that is given.</returns>
    public static DashboardFrame Render(DashboardState state, DashboardLayout layout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(layout);
        var width = Math.Max(1, layout.Width);
        var cells = state.Visible.Select(w => DashboardColumns.Cells(w, now)).ToList();
        var columns = DashboardColumns.Fit(cells, width - PrefixWidth);

        var top = new List<FrameLine> { Header(state, width) };
        top.AddRange(state.Person.Oldest.Select(m => PersonMessage(state, m, width)));
        top.Add(Line(width, Span(new string(' ', PrefixWidth) + Join(DashboardColumns.Titles, columns), TitleStyle)));
        var footer = layout.Interactive ? Footer(state, width) : null;
        var room = layout.Height is { } rows ? Math.Max(0, rows - top.Count - (footer is null ? 0 : 1)) : int.MaxValue;
        var pane = TaskPane(state, width);
        var paneRoom = layout.Height is null ? pane.Count : Math.Min(pane.Count, Math.Max(room / 2, room - Math.Max(1, cells.Count)));
        var body = Body(state, cells, columns, width, room - paneRoom, layout.Interactive);

        var lines = new List<FrameLine>(top);
        lines.AddRange(body);
        lines.AddRange(Cut(pane, paneRoom, width));
        if (layout.Height is { } height)
        {
            var above = Math.Max(0, height - (footer is null ? 0 : 1));
            if (lines.Count > above)
            {
                lines.RemoveRange(above, lines.Count - above);
            }

            while (lines.Count < above)
            {
                lines.Add(new FrameLine([]));
            }
        }

        if (footer is not null && layout.Height is null or > 0)
        {
            lines.Add(footer);
        }

        return new DashboardFrame(lines);
    }

    private static List<FrameLine> Body(DashboardState state, List<string[]> cells, DashboardColumns columns, int width, int room, bool interactive)
    {
        var body = new List<FrameLine>();
        if (room <= 0)
        {
            return body;
        }

        if (cells.Count == 0)
        {
            var empty = state.Filter is not null ? "  No live session matches the filter."
                : interactive ? "  No live sessions: n starts one." : "  No live sessions.";
            body.Add(Line(width, Span(empty, KeysStyle)));
            return body;
        }

        var shown = cells.Count <= room ? cells.Count : Math.Max(0, room - 1);
        var first = Math.Clamp(Math.Max(0, state.SelectedIndex) - shown + 1, 0, cells.Count - shown);
        for (var i = first; i < first + shown; i++)
        {
            body.Add(Row(state.Visible[i], cells[i], columns, width, interactive && i == state.SelectedIndex));
        }

        if (shown < cells.Count)
        {
            var above = first;
            var below = cells.Count - first - shown;
            var more = above > 0 ? $"  {above} more above, {below} below" : $"  {below} more below";
            body.Add(Line(width, Span(more, KeysStyle)));
        }

        return body;
    }

    /// <summary>
    /// The task pane: after a blank line, per list the sessions work a title (<c>TASKS plan (baton)</c>, or
    /// <c>(Claude Code native)</c>) and one line per task: id, state, owner, open blockers, subject.
    /// </summary>
    private static List<FrameLine> TaskPane(DashboardState state, int width)
    {
        var pane = new List<FrameLine>();
        if (state.TaskLists.Count == 0)
        {
            return pane;
        }

        pane.Add(new FrameLine([]));
        foreach (var list in state.TaskLists)
        {
            var kind = list.Native ? "Claude Code native" : "baton";
            pane.Add(Line(width, Span($"TASKS {TerminalText.Printable(list.List)} ({kind})", TitleStyle)));
            if (list.Tasks.Count == 0)
            {
                pane.Add(Line(width, Span("  no tasks", KeysStyle)));
            }

            foreach (var task in list.Tasks)
            {
                var blocked = task.BlockedBy == "-" ? "-" : "blocked by " + task.BlockedBy;
                pane.Add(Line(
                    width,
                    Span("  " + CellText.Pad(task.Id, 5) + " ", Style.Plain),
                    Span(CellText.Pad(task.State, 11), TaskStateStyle(task.State)),
                    Span(" " + CellText.Pad(TerminalText.Printable(task.Owner), 14) + " " + CellText.Pad(blocked, 18) + " ", Style.Plain),
                    Span(TerminalText.Printable(task.Subject), Style.Plain)));
            }
        }

        return pane;
    }

    /// <summary>The first <paramref name="room"/> lines of the pane; when some are left out, the last says how many.</summary>
    private static List<FrameLine> Cut(List<FrameLine> pane, int room, int width)
    {
        if (pane.Count <= room)
        {
            return pane;
        }

        if (room <= 1)
        {
            return [];
        }

        var kept = pane.Take(room - 1).ToList();
        kept.Add(Line(width, Span($"  {pane.Count - room + 1} more task lines (baton tasks ls LIST)", KeysStyle)));
        return kept;
    }

    private static Style TaskStateStyle(string state) => state switch
    {
        "in_progress" => new Style(Color.Green),
        "blocked" => new Style(Color.Yellow),
        "ready" => new Style(Color.Aqua),
        "completed" or "cancelled" => new Style(Color.Grey),
        _ => Style.Plain,
    };

    private static FrameLine Header(DashboardState state, int width)
    {
        var live = state.Sessions.Count;
        var waiting = state.Sessions.Count(w => w.NeedsPerson);
        var text = $"baton watch  {live} live, {waiting} need{(waiting == 1 ? "s" : "")} you";
        if (state.Person.Unread > 0)
        {
            text += $", {state.Person.Unread} unread for you (baton inbox)";
        }

        if (state.Spooled > 0)
        {
            text += $", {state.Spooled} hook event{(state.Spooled == 1 ? "" : "s")} spooled, store busy or unreachable (baton doctor)";
        }

        if (state.Filter is not null)
        {
            text += $"  filter \"{TerminalText.Printable(state.Filter)}\": {state.Visible.Count} shown";
        }

        return Line(width, Span(text, HeaderStyle));
    }

    /// <summary>One unread message to the person: <c>  message 12 from api (1a2b3c4d): first line of the body</c>.</summary>
    private static FrameLine PersonMessage(DashboardState state, Message message, int width)
    {
        var sender = state.Sessions.FirstOrDefault(w => w.Session.SessionId == message.Sender)?.Label ?? SessionRegistry.ShortId(message.Sender);
        var firstLine = message.Body.Split('\n', 2)[0];
        return Line(width, Span($"  message {message.Id} from {TerminalText.Printable(sender)}: ", MessageStyle), Span(TerminalText.Printable(firstLine), Style.Plain));
    }

    private static FrameLine Row(WatchedSession watched, string[] cells, DashboardColumns columns, int width, bool selected)
    {
        var rowStyle = watched.Session.Status switch
        {
            SessionStatus.WaitingPermission => PermissionStyle,
            SessionStatus.WaitingInput => InputStyle,
            _ => Style.Plain,
        };
        var prefix = $"{(selected ? '>' : ' ')}{(watched.NeedsPerson ? '!' : ' ')} ";
        var before = prefix + Join(cells.Take(4), columns) + new string(' ', columns.Gap);
        var status = CellText.Pad(cells[4], columns.Widths[4]);
        var after = new string(' ', columns.Gap) + Join(cells.Skip(5), columns, 5);
        var statusStyle = watched.NeedsPerson ? rowStyle : StatusStyle(watched.Session.Status);
        var spans = Fit(width, [Span(before, rowStyle), Span(status, statusStyle), Span(after, rowStyle)]);
        if (selected)
        {
            var used = spans.Sum(s => CellText.Width(s.Text));
            spans.Add(Span(new string(' ', Math.Max(0, width - used)), rowStyle));
            spans = spans.Select(s => s with { Style = s.Style.Combine(new Style(decoration: Decoration.Invert)) }).ToList();
        }

        return new FrameLine(spans);
    }

    private static Style StatusStyle(SessionStatus status) => status switch
    {
        SessionStatus.Running => new Style(Color.Green),
        SessionStatus.Exited => new Style(Color.Grey),
        _ => Style.Plain,
    };

    private static FrameLine Footer(DashboardState state, int width)
    {
        switch (state.Mode)
        {
            case DashboardMode.ConfirmKill:
                return Line(width, Span($"Kill {TerminalText.Printable(state.PendingKill?.Label)}? y/n", PermissionStyle));
            case DashboardMode.NewFolder:
                return Prompt(width, $"New session folder (Enter: {CellText.TruncateStart(state.DefaultDirectory, 30)}, Esc cancels): ", state.Input);
            case DashboardMode.NewTask:
                return Prompt(width, $"Task in {CellText.TruncateStart(state.NewDirectory ?? "", 30)} (optional, Enter starts, Esc cancels): ", state.Input);
            case DashboardMode.FilterInput:
                return Prompt(width, "Filter (Enter keeps, Esc clears): ", state.Input);
            default:
                return state.Message is { } message
                    ? Line(width, Span(TerminalText.Printable(message) + "  ", MessageStyle), Span(Keys, KeysStyle))
                    : Line(width, Span(Keys, KeysStyle));
        }
    }

    private static FrameLine Prompt(int width, string prompt, string input)
    {
        var label = CellText.Truncate(TerminalText.Printable(prompt), Math.Max(0, width - 8));
        var typed = CellText.TruncateStart(TerminalText.Printable(input) + "_", width - CellText.Width(label));
        return Line(width, Span(label, PromptStyle), Span(typed, Style.Plain));
    }

    private static string Join(IEnumerable<string> cells, DashboardColumns columns, int firstColumn = 0)
    {
        var parts = cells.Select((text, i) => (text, column: firstColumn + i)).Where(p => columns.Shown[p.column]).ToList();
        return string.Join(new string(' ', columns.Gap), parts.Select(p =>
            p.column == DashboardColumns.Titles.Count - 1 ? CellText.Truncate(p.text, columns.Widths[p.column]) : CellText.Pad(p.text, columns.Widths[p.column])));
    }

    private static FrameSpan Span(string text, Style style) => new(text, style);

    private static FrameLine Line(int width, params FrameSpan[] spans) => new(Fit(width, spans));

    private static List<FrameSpan> Fit(int width, IEnumerable<FrameSpan> spans)
    {
        var fitted = new List<FrameSpan>();
        var left = width;
        foreach (var span in spans)
        {
            if (left <= 0)
            {
                break;
            }

            var text = CellText.Width(span.Text) <= left ? span.Text : CellText.Truncate(span.Text, left);
            fitted.Add(span with { Text = text });
            left -= CellText.Width(text);
        }

        return fitted;
    }
}
