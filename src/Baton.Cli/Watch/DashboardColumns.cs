using Baton.Core.Text;
using Baton.Cli.Rendering;
using Baton.Core.Sessions;

namespace Baton.Cli.Watch;

/// <summary>
/// The dashboard's columns and their widths for one frame: ID, NAME, PROJECT, BRANCH, STATUS, UPDATED, MSG, HOST, TASK (led
/// by the session's task list in brackets, <c>[plan]</c>, when it works one). MSG
/// counts unread messages (blank for none) and is left out of a frame where no row has any, so it costs no room until a
/// message waits; HOST (<c>user@host</c>) is left out of a frame whose sessions all run on one host as one user. ID, UPDATED and MSG keep their width; when the line is too wide the widest of the others gives up a cell,
/// again and again, down to each one's minimum (STATUS keeps its status and wait whole: only the reason is cut).
/// </summary>
internal sealed class DashboardColumns
{
    /// <summary>The column titles, in order.</summary>
    public static readonly IReadOnlyList<string> Titles = ["ID", "NAME", "PROJECT", "BRANCH", "STATUS", "UPDATED", "MSG", "HOST", "TASK"];

    private const int UnreadColumn = 6;
    private const int HostColumn = 7;

    private static readonly int[] Minimums = [2, 4, 7, 6, 0, 0, 0, 4, 4];
    private static readonly bool[] Flexible = [false, true, true, true, true, false, false, true, true];

    private DashboardColumns(IReadOnlyList<int> widths, IReadOnlyList<bool> shown, int gap)
    {
        Widths = widths;
        Shown = shown;
        Gap = gap;
    }

    /// <summary>The width of each column in cells (0 for a column left out).</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Whether each column is in the frame: all but MSG and HOST always, MSG when a row has unread messages, HOST
    /// when the rows run on more than one host or as more than one user.</summary>
    public IReadOnlyList<bool> Shown { get; }

    /// <summary>The spaces between two columns.</summary>
    public int Gap { get; }

    /// <summary>The cells of one session's row, printable and uncut.</summary>
    /// <param name="watched">The session.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <returns>One text per column.</returns>
    public static string[] Cells(WatchedSession watched, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(watched);
        var s = watched.Session;
        string[] cells =
        [
            SessionRegistry.ShortId(s.SessionId),
            TeamOrder.NameOf(s, watched.UnderLead),
            s.Project ?? "-",
            SessionTable.Branch(s),
            Status(watched, now),
            Durations.Short(now - s.UpdatedAt),
            watched.Unread > 0 ? watched.Unread.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            SessionTable.Where(s),
            (s.TaskList is { } list ? $"[{list}] " : "") + (s.Task ?? ""),
        ];
        return Array.ConvertAll(cells, TerminalText.Printable);
    }

    /// <summary>Chooses widths so that rows of these cells fit <paramref name="width"/> cells.</summary>
    /// <param name="rows">The cells of every row (see <see cref="Cells"/>), already printable.</param>
    /// <param name="width">The cells available for the columns and the gaps between them.</param>
    /// <returns>The columns.</returns>
    public static DashboardColumns Fit(IReadOnlyList<string[]> rows, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shown = Titles.Select((_, i) => i switch
        {
            UnreadColumn => rows.Any(row => row[i].Length > 0),
            HostColumn => rows.Select(row => row[i]).Distinct(StringComparer.Ordinal).Count() > 1,
            _ => true,
        }).ToArray();
        var natural = Titles.Select((title, i) => shown[i] ? CellText.Width(title) : 0).ToArray();
        var statusMinimum = CellText.Width(Titles[4]);
        foreach (var row in rows)
        {
            for (var i = 0; i < natural.Length; i++)
            {
                natural[i] = shown[i] ? Math.Max(natural[i], CellText.Width(row[i])) : 0;
            }

            var reason = row[4].IndexOf(" (", StringComparison.Ordinal);
            statusMinimum = Math.Max(statusMinimum, CellText.Width(reason < 0 ? row[4] : row[4][..reason]) + (reason < 0 ? 0 : 2));
        }

        var minimums = (int[])Minimums.Clone();
        minimums[4] = statusMinimum;
        var gaps = shown.Count(s => s) - 1;
        var gap = natural.Sum() + (2 * gaps) <= width ? 2 : 1;
        var widths = (int[])natural.Clone();
        var available = width - (gap * gaps);
        while (widths.Sum() > available)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (Flexible[i] && widths[i] > Math.Min(minimums[i], natural[i]) && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
        }

        return new DashboardColumns(widths, shown, gap);
    }

    /// <summary>The STATUS text: the wire name, with how long a person has been waited for (and <c>seen</c> once a person
    /// marked the wait as seen), then the status's reason in brackets (a failed turn's error, a dialog).</summary>
    /// <param name="watched">The session.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <returns>For example <c>waiting_permission 1m05s</c> or <c>waiting_input 12s (turn failed: rate_limit)</c>.</returns>
    public static string Status(WatchedSession watched, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(watched);
        var s = watched.Session;
        return (watched.NeedsPerson
                ? $"{s.Status.ToWire()} {Waited(now - watched.StatusSince)}" + (s.SeenAt is null ? "" : " seen")
                : s.Status.ToWire())
            + (s.StatusReason is { } reason ? $" ({reason})" : "");
    }

    /// <summary>A wait with seconds while they matter: <c>42s</c>, <c>1m05s</c>, <c>2h03m</c>, <c>3d4h</c>.</summary>
    /// <param name="duration">The wait; negative (clock skew) counts as zero.</param>
    /// <returns>The text.</returns>
    public static string Waited(TimeSpan duration)
    {
        var d = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        return d switch
        {
            { TotalMinutes: < 1 } => FormattableString.Invariant($"{(int)d.TotalSeconds}s"),
            { TotalHours: < 1 } => FormattableString.Invariant($"{(int)d.TotalMinutes}m{d.Seconds:00}s"),
            { TotalDays: < 1 } => FormattableString.Invariant($"{(int)d.TotalHours}h{d.Minutes:00}m"),
            _ => FormattableString.Invariant($"{(int)d.TotalDays}d{d.Hours}h"),
        };
    }
}
