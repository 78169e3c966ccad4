using System.Text;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Pages;

/// <summary>
/// The sessions page (<c>/</c>): live sessions in the dashboards' order (<see cref="WatchedSession.Order"/>: those waiting
/// for a person first, longest waiting first), with status, waiting or idle time, project, branch and dirty mark, host,
/// task and unread messages; filters by project, status and host (<c>?project=&amp;status=&amp;host=</c>); ended sessions,
/// the latest <see cref="EndedShown"/> by day (UTC), behind <c>?ended=1</c>.
/// </summary>
internal static class SessionsPage
{
    /// <summary>How many ended sessions the toggle shows, latest ended first.</summary>
    public const int EndedShown = 100;

    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">The page's options (liveness, clock).</param>
    /// <param name="query">The request's query (filters).</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store, WebDashboardOptions options, IQueryCollection query)
    {
        var project = query["project"].ToString();
        var status = query["status"].ToString();
        var host = query["host"].ToString();
        var ended = query["ended"] == "1";
        var registry = new SessionRegistry(store, options.Liveness, options.Time);
        var unread = store.CountUnread();
        var now = options.Time.GetUtcNow();
        var live = WatchedSession.Order(registry.List(includeEnded: false)
                .Select(s => new WatchedSession(s, s.StatusSince ?? s.UpdatedAt, unread.GetValueOrDefault(s.SessionId))))
            .Where(w => Matches(w.Session, project, status, host))
            .ToList();

        var html = new StringBuilder(8192);
        html.Append("<table id=\"sessions\"><caption>").Append(live.Count).Append(live.Count == 1 ? " live session" : " live sessions")
            .Append("</caption><thead><tr><th>Status</th><th>For</th><th>Session</th><th>Project</th><th>Branch</th><th>Host</th><th>Task</th><th>Unread</th></tr></thead><tbody>");
        foreach (var watched in live)
        {
            Row(html, watched.Session, watched.NeedsPerson ? now - watched.StatusSince : now - watched.Session.UpdatedAt, watched.Unread, watched.UnderLead);
        }

        html.Append("</tbody></table>");
        if (ended)
        {
            html.Append("<h2>Ended</h2><table id=\"ended\"><thead><tr><th>Ended</th><th>Why</th><th>Session</th><th>Project</th><th>Branch</th><th>Host</th><th>Task</th></tr></thead><tbody>");
            var history = store.ListSessions(new SessionFilter(false, true, LastEnded: EndedShown))
                .Where(s => Matches(s, project, status, host))
                .OrderByDescending(s => s.EndedAt);
            var day = "";
            foreach (var session in history)
            {
                var endedAt = session.EndedAt ?? session.UpdatedAt;
                if (Html.Day(endedAt) is var endedDay && endedDay != day)
                {
                    day = endedDay;
                    html.Append("<tr class=\"day\"><th colspan=\"7\" scope=\"rowgroup\">").Append(day).Append("</th></tr>");
                }

                html.Append("<tr><td>").Append(Html.Time(endedAt)).Append("</td><td>").Append(Html.Text(session.EndReason))
                    .Append("</td><td>").Append(SessionLink(session)).Append("</td><td>").Append(Html.Text(session.Project))
                    .Append("</td><td>").Append(Html.Text(session.Branch)).Append("</td><td>").Append(Html.Text(session.Host))
                    .Append("</td><td>").Append(Html.Text(session.Task)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return new PageContent("Sessions", Filters(project, status, host, ended), html.ToString());
    }

    /// <summary>A link to a session's page, labelled as people know it.</summary>
    /// <param name="session">The session.</param>
    /// <returns>HTML.</returns>
    public static string SessionLink(Session session) =>
        $"<a href=\"/sessions/{Html.Segment(session.SessionId)}\">{Html.Text(WatchedSession.LabelOf(session))}</a>";

    private static void Row(StringBuilder html, Session session, TimeSpan age, int unread, bool underLead)
    {
        var wire = session.Status.ToWire();
        html.Append("<tr data-session=\"").Append(Html.Attribute(session.SessionId)).Append("\" data-status=\"").Append(wire).Append('"')
            .Append(session.Status.NeedsPerson() ? " class=\"waits\"" : "").Append("><td><span class=\"status ").Append(wire).Append("\">")
            .Append(wire).Append("</span>").Append(session.WaitsSeen ? " <span class=\"seen\">seen</span>" : "")
            .Append("</td><td>").Append(Html.Age(age)).Append("</td><td>").Append(underLead ? "↳ " : "")
            .Append(SessionLink(session)).Append("</td><td>").Append(Html.Text(session.Project)).Append("</td><td>")
            .Append(Html.Text(session.Branch)).Append(session.Dirty == true ? " <span title=\"uncommitted changes\">*</span>" : "")
            .Append("</td><td>").Append(Html.Text(session.Host)).Append("</td><td>").Append(Html.Text(session.Task)).Append("</td><td>")
            .Append(unread == 0 ? "" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</td></tr>");
    }

    private static bool Matches(Session session, string project, string status, string host) =>
        (project.Length == 0 || string.Equals(session.Project, project, StringComparison.OrdinalIgnoreCase))
        && (status.Length == 0 || session.Status.ToWire() == status)
        && (host.Length == 0 || string.Equals(session.Host, host, StringComparison.OrdinalIgnoreCase));

    private static string Filters(string project, string status, string host, bool ended)
    {
        var html = new StringBuilder(1024);
        html.Append("<form method=\"get\" action=\"/\" class=\"filters\"><label>Project <input name=\"project\" value=\"").Append(Html.Attribute(project))
            .Append("\"></label><label>Status <select name=\"status\"><option value=\"\">any</option>");
        foreach (var name in Enum.GetValues<SessionStatus>().Select(s => s.ToWire()))
        {
            html.Append("<option").Append(name == status ? " selected" : "").Append('>').Append(name).Append("</option>");
        }

        html.Append("</select></label><label>Host <input name=\"host\" value=\"").Append(Html.Attribute(host))
            .Append("\"></label><label><input type=\"checkbox\" name=\"ended\" value=\"1\"").Append(ended ? " checked" : "")
            .Append("> ended too</label><button type=\"submit\">Filter</button></form>");
        return html.ToString();
    }
}
