using Baton.Core.Sessions;
using Baton.Core.Text;
using Spectre.Console;

namespace Baton.Cli.Rendering;

/// <summary>Renders sessions as a table: ID, NAME, PROJECT, BRANCH (<c>*</c> when dirty), STATUS, AGE, IDLE, TASK, and HOST
/// (<c>user@host</c>, see <see cref="Where"/>) after ID when the sessions run on more than one host or as more than one OS
/// user (a team store). Teammates of an agent team follow their lead, their
/// name prefixed <c>└ </c> (<see cref="TeamOrder"/>).</summary>
internal static class SessionTable
{
    private static readonly string[] Columns = ["ID", "HOST", "NAME", "PROJECT", "BRANCH", "STATUS", "AGE", "IDLE", "TASK"];

    /// <summary>Builds the table.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="now">The current time (UTC), for ages.</param>
    /// <returns>The table.</returns>
    public static Table Build(IEnumerable<Session> sessions, DateTimeOffset now)
    {
        var rows = sessions.ToList();
        var hosts = rows.Select(Where).Distinct(StringComparer.Ordinal).Count() > 1;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in Columns.Where(c => hosts || c != "HOST"))
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var (s, underLead) in TeamOrder.UnderLeads(rows, s => s))
        {
            var host = hosts ? [new Text(TerminalText.Printable(Where(s)))] : Array.Empty<Text>();
            table.AddRow([
                new Text(TerminalText.Printable(SessionRegistry.ShortId(s.SessionId))),
                .. host,
                new Text(TerminalText.Printable(TeamOrder.NameOf(s, underLead))),
                new Text(TerminalText.Printable(s.Project ?? "-")),
                new Text(TerminalText.Printable(Branch(s))),
                new Markup(Status(s) + (RemoteSessions.IsStale(s, now) ? " [grey](stale)[/]" : "")),
                new Text(Durations.Short(now - s.StartedAt)),
                new Text(Durations.Short(now - s.UpdatedAt)),
                new Text(TerminalText.Printable(s.Task)),
            ]);
        }

        return table;
    }

    /// <summary>Where a session runs: <c>user@host</c>, or the host alone (<c>-</c> when unknown) where its user is unknown.</summary>
    /// <param name="s">The session.</param>
    /// <returns>The text.</returns>
    public static string Where(Session s) => s.User is { } user ? $"{user}@{s.Host ?? "-"}" : s.Host ?? "-";

    /// <summary>The branch with a <c>*</c> when the working tree is dirty, <c>-</c> outside git.</summary>
    /// <param name="s">The session.</param>
    /// <returns>The text.</returns>
    public static string Branch(Session s) => (s.Branch ?? "-") + (s.Dirty == true ? "*" : "");

    /// <summary>The status as coloured markup (plain where colour is off); errors carry their reason, waits a person marked
    /// as seen <c>(seen)</c>.</summary>
    /// <param name="s">The session.</param>
    /// <returns>Spectre markup.</returns>
    public static string Status(Session s)
    {
        var text = Markup.Escape(TerminalText.Printable(s.Status.ToWire() + (s.StatusReason is { } reason ? $" ({reason})" : "") + (s.SeenAt is null ? "" : " (seen)")));
        return s.Status switch
        {
            SessionStatus.WaitingPermission => $"[bold red]{text}[/]",
            SessionStatus.WaitingInput => $"[bold yellow]{text}[/]",
            SessionStatus.Running => $"[green]{text}[/]",
            SessionStatus.Exited => $"[grey]{text}[/]",
            _ => text,
        };
    }
}
