using System.Text;
using Baton.Core.Storage;

namespace Baton.Web.Pages;

/// <summary>The locks page (<c>/locks</c>): every lock and file lease held, with its holder, reason and expiry.</summary>
internal static class LocksPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store)
    {
        var html = new StringBuilder(4096);
        html.Append("<table id=\"locks\"><thead><tr><th>Resource</th><th>Holder</th><th>Reason</th><th>Since</th><th>Until</th></tr></thead><tbody>");
        foreach (var held in store.ListLocks(null))
        {
            html.Append("<tr><td>").Append(Html.Text(held.Resource)).Append("</td><td>").Append(Holder(store, held.Holder)).Append("</td><td>")
                .Append(Html.Text(held.Reason)).Append("</td><td>").Append(Html.Time(held.AcquiredAt)).Append("</td><td>")
                .Append(Html.Time(held.ExpiresAt)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        return new PageContent("Locks and file leases", "", html.ToString());
    }

    /// <summary>Who holds something: a link to the session when it is one, else the holder's text.</summary>
    /// <param name="store">The store.</param>
    /// <param name="holder">A session id or <c>human</c>.</param>
    /// <returns>HTML.</returns>
    public static string Holder(IBatonStore store, string? holder)
    {
        ArgumentNullException.ThrowIfNull(store);
        return holder is not null && store.GetSession(holder) is { } session ? SessionsPage.SessionLink(session) : Html.Text(holder);
    }
}
