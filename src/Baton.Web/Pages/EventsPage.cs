using System.Globalization;
using System.Text;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Pages;

/// <summary>The events page (<c>/events</c>): the latest <see cref="Shown"/> journal entries, newest first, filterable by
/// type (a glob such as <c>lock.*</c>) and by session (<c>?type=&amp;session=</c>).</summary>
internal static class EventsPage
{
    /// <summary>How many entries the page shows.</summary>
    public const int Shown = 200;

    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <param name="query">The request's query (filters).</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store, IQueryCollection query)
    {
        var type = query["type"].ToString();
        var session = query["session"].ToString();
        var entries = store.QueryJournal(new JournalQuery(null, type.Length == 0 ? null : type, session.Length == 0 ? null : session, Shown));
        var html = new StringBuilder(16384);
        html.Append("<table id=\"events\"><thead><tr><th>#</th><th>At</th><th>Type</th><th>Subject</th><th>Data</th></tr></thead><tbody>");
        foreach (var entry in entries.Reverse())
        {
            Row(html, entry);
        }

        html.Append("</tbody></table>");
        var controls = "<form method=\"get\" action=\"/events\" class=\"filters\"><label>Type <input name=\"type\" placeholder=\"session.*\" value=\"" +
            Html.Attribute(type) + "\"></label><label>Session <input name=\"session\" value=\"" + Html.Attribute(session) +
            "\"></label><button type=\"submit\">Filter</button></form>";
        return new PageContent("Events", controls, html.ToString());
    }

    /// <summary>One journal entry as a table row.</summary>
    /// <param name="html">Where the row goes.</param>
    /// <param name="entry">The entry.</param>
    public static void Row(StringBuilder html, JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(entry);
        html.Append("<tr><td>").Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.Time(entry.At))
            .Append("</td><td>").Append(Html.Text(entry.Type)).Append("</td><td>").Append(Html.Text(entry.Subject))
            .Append("</td><td><code>").Append(Html.Text(entry.Data, Html.CellLength)).Append("</code></td></tr>");
    }
}
