using System.Globalization;
using System.Text;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Web.Actions;

namespace Baton.Web.Pages;

/// <summary>
/// A session's page (<c>/sessions/{id}</c>): what it is and does, what it holds (locks, file leases, claimed queue items,
/// owned tasks), the progress it reported, the message threads it took part in (the latest <see cref="ThreadsShown"/>, each
/// with a form to reply in it as the person), its recent journal (tools, statuses); and the forms that act on it: mark its wait as
/// seen (while it waits for a person unseen, like <c>baton ack</c>), send a message, rename, set its task, kill (which asks for a confirmation first, <see cref="KillPage"/>).
/// </summary>
internal static class SessionPage
{
    /// <summary>How many journal entries and messages the page shows, the latest.</summary>
    public const int Shown = 50;

    /// <summary>How many of the threads the session took part in the page shows, the latest.</summary>
    public const int ThreadsShown = 10;

    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">The page's options (clock).</param>
    /// <param name="session">The session.</param>
    /// <param name="forms">The anti-forgery field every form carries (<see cref="Security.FormToken.Field"/>).</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store, WebDashboardOptions options, Session session, string forms)
    {
        var now = options.Time.GetUtcNow();
        var html = new StringBuilder(8192);
        var wire = session.Status.ToWire();
        html.Append("<dl class=\"facts\" id=\"facts\" data-status=\"").Append(wire).Append("\"><dt>Status</dt><dd><span class=\"status ").Append(wire).Append("\">")
            .Append(wire).Append("</span> for ").Append(Html.Age(now - (session.StatusSince ?? session.UpdatedAt)));
        if (session.StatusReason is { } reason)
        {
            html.Append(" (").Append(Html.Text(reason)).Append(')');
        }

        if (session is { WaitsSeen: true, SeenAt: { } seen })
        {
            html.Append(", <span class=\"seen\">seen ").Append(Html.Time(seen)).Append("</span>");
        }

        Fact(html, "Id", session.SessionId);
        Fact(html, "Name", session.Name);
        Fact(html, "Task", session.Task);
        Fact(html, "Project", session.Project);
        Fact(html, "Branch", session.Branch is null ? null : session.Branch + (session.Dirty == true ? " *" : ""));
        Fact(html, "Folder", session.Cwd);
        Fact(html, "Host", session.Host);
        Fact(html, "Last tool", session.LastTool);
        Fact(html, "Started", Html.Time(session.StartedAt));
        if (session.EndedAt is { } ended)
        {
            Fact(html, "Ended", Html.Time(ended) + " (" + session.EndReason + ")");
        }

        html.Append("</dl>");
        Holdings(html, store, session.SessionId);
        Progress(html, store, options, session.SessionId);
        Threads(html, store, session.SessionId, forms);
        Journal(html, store, session.SessionId);
        return new PageContent(WatchedSession.LabelOf(session), session.IsEnded ? "" : Forms(session, forms), html.ToString());
    }

    private static void Fact(StringBuilder html, string name, string? value)
    {
        if (value is not null)
        {
            html.Append("</dd><dt>").Append(name).Append("</dt><dd>").Append(Html.Text(value, Html.BodyLength));
        }
    }

    private static void Holdings(StringBuilder html, IBatonStore store, string sessionId)
    {
        var held = store.ListHeldWork(sessionId);
        var tasks = store.ListOwnedTasks(sessionId);
        html.Append("<h2>Holds</h2><ul id=\"holds\">");
        foreach (var lease in held.Locks)
        {
            html.Append(FileLeaseGuard.IsFileLease(lease.Resource) ? "<li>file lease " : "<li>lock ")
                .Append(Html.Text(lease.Resource)).Append(" until ").Append(Html.Time(lease.ExpiresAt)).Append("</li>");
        }

        foreach (var item in held.Items)
        {
            html.Append("<li>queue item ").Append(Html.Text(item.Queue)).Append(" #").Append(item.Id.ToString(CultureInfo.InvariantCulture)).Append("</li>");
        }

        foreach (var task in tasks)
        {
            html.Append("<li>task ").Append(Html.Text(task.List)).Append(" #").Append(task.Id.ToString(CultureInfo.InvariantCulture))
                .Append(": ").Append(Html.Text(task.Subject)).Append("</li>");
        }

        if (held.Locks.Count + held.Items.Count + tasks.Count == 0)
        {
            html.Append("<li>nothing</li>");
        }

        html.Append("</ul>");
    }

    private static void Progress(StringBuilder html, IBatonStore store, WebDashboardOptions options, string sessionId)
    {
        var reported = new Coordinator(store, options.Time).GetProgress().Where(p => p.Writer == sessionId).ToList();
        if (reported.Count == 0)
        {
            return;
        }

        html.Append("<h2>Progress</h2><ul id=\"progress\">");
        foreach (var entry in reported)
        {
            html.Append("<li>").Append(Html.Text(entry.Subject)).Append(": ").Append(Html.Text(entry.Phase)).Append(' ')
                .Append(entry.Percent.ToString(CultureInfo.InvariantCulture)).Append("% <progress max=\"100\" value=\"")
                .Append(entry.Percent.ToString(CultureInfo.InvariantCulture)).Append("\"></progress> ").Append(Html.Text(entry.Message))
                .Append(" <span class=\"meta\">").Append(Html.Time(entry.UpdatedAt)).Append("</span></li>");
        }

        html.Append("</ul>");
    }

    /// <summary>The latest threads the session sent or received a message in, each whole, oldest message first, with how
    /// far each message to the session got (unread, read, delivered) and a form to answer the thread's latest message.</summary>
    private static void Threads(StringBuilder html, IBatonStore store, string sessionId, string forms)
    {
        var threads = store.ListThreads([sessionId]).GetValueOrDefault(sessionId) ?? [];
        html.Append("<h2>Messages</h2><div id=\"messages\" class=\"messages\">");
        foreach (var thread in threads.TakeLast(ThreadsShown).Reverse())
        {
            var messages = store.GetThread(thread.ThreadId).TakeLast(Shown).ToList();
            html.Append("<section class=\"thread\" data-thread=\"").Append(thread.ThreadId.ToString(CultureInfo.InvariantCulture))
                .Append("\"><h3>Thread #").Append(thread.ThreadId.ToString(CultureInfo.InvariantCulture)).Append(" with ")
                .Append(Html.Text(string.Join(", ", thread.With))).Append("</h3><ol>");
            foreach (var message in messages)
            {
                var receipt = message.ReceiptOf(sessionId);
                html.Append("<li><p class=\"meta\">#").Append(message.Id.ToString(CultureInfo.InvariantCulture)).Append(" from ").Append(Html.Text(message.Sender))
                    .Append(" to ").Append(Html.Text(string.Join(", ", message.Recipients.Select(r => r.Recipient)))).Append(" at ").Append(Html.Time(message.CreatedAt))
                    .Append(receipt is null ? "" : receipt.DeliveredAt is not null ? " · delivered" : receipt.IsRead ? " · read" : " · unread")
                    .Append("</p><pre>").Append(Html.Lines(message.Body)).Append("</pre></li>");
            }

            html.Append("</ol>");
            if (messages.Count > 0)
            {
                html.Append("<form method=\"post\" action=\"/sessions/").Append(Html.Segment(sessionId)).Append("/reply\" class=\"reply\">").Append(forms)
                    .Append("<input type=\"hidden\" name=\"message\" value=\"").Append(messages[^1].Id.ToString(CultureInfo.InvariantCulture))
                    .Append("\"><label>Reply <textarea name=\"text\" rows=\"2\" required maxlength=\"65536\"></textarea></label><button type=\"submit\">Reply</button></form>");
            }

            html.Append("</section>");
        }

        html.Append("</div>");
    }

    private static void Journal(StringBuilder html, IBatonStore store, string sessionId)
    {
        var entries = store.QueryJournal(new JournalQuery(Actor: sessionId, Limit: Shown));
        html.Append("<h2>Journal</h2><table id=\"journal\"><thead><tr><th>#</th><th>At</th><th>Type</th><th>Subject</th><th>Data</th></tr></thead><tbody>");
        foreach (var entry in entries.Reverse())
        {
            EventsPage.Row(html, entry);
        }

        html.Append("</tbody></table>");
    }

    private static string Forms(Session session, string forms)
    {
        var path = "/sessions/" + Html.Segment(session.SessionId);
        return new StringBuilder(2048)
            .Append("<section class=\"actions\" aria-label=\"Act on the session\">")
            .Append(session.WaitsUnseen
                ? $"<form method=\"post\" action=\"{path}/ack\" id=\"ack\">{forms}<button type=\"submit\" title=\"It stays waiting, drops below unseen waits and sends no more notifications until its status changes\">Mark seen</button></form>"
                : "")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/send\" id=\"send\">").Append(forms)
            .Append("<label>Message <textarea name=\"text\" rows=\"3\" required maxlength=\"65536\"></textarea></label><button type=\"submit\">Send</button></form>")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/rename\" id=\"rename\">").Append(forms)
            .Append("<label>Name <input name=\"name\" required maxlength=\"64\" value=\"").Append(Html.Attribute(session.Name)).Append("\"></label><button type=\"submit\">Rename</button></form>")
            .Append("<form method=\"post\" action=\"").Append(path).Append("/task\" id=\"task\">").Append(forms)
            .Append("<label>Task <input name=\"task\" maxlength=\"1000\" value=\"").Append(Html.Text(session.Task, 1000)).Append("\"></label><button type=\"submit\">Set task</button></form>")
            .Append("<p><a id=\"kill\" class=\"danger\" href=\"").Append(path).Append("/kill\">Kill…</a></p>")
            .Append("</section>")
            .ToString();
    }
}
