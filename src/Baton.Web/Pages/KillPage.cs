using Baton.Core.Sessions;

namespace Baton.Web.Pages;

/// <summary>The confirmation before a kill (<c>GET /sessions/{id}/kill</c>): the one form whose POST kills the session.</summary>
internal static class KillPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="session">The session.</param>
    /// <param name="forms">The anti-forgery field.</param>
    /// <returns>The page.</returns>
    public static PageContent Render(Session session, string forms)
    {
        var path = "/sessions/" + Html.Segment(session.SessionId);
        var label = Html.Text(WatchedSession.LabelOf(session));
        return new PageContent(
            "Kill " + WatchedSession.LabelOf(session) + "?",
            $"<form method=\"post\" action=\"{path}/kill\" id=\"confirm-kill\">{forms}<p>This ends {label}'s claude and closes its tmux pane.</p>" +
            $"<button type=\"submit\" class=\"danger\" name=\"confirm\" value=\"yes\">Yes, kill it</button> <a href=\"{path}\">No, go back</a></form>",
            "");
    }
}
