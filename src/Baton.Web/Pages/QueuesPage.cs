using System.Globalization;
using System.Text;
using Baton.Core.Storage;

namespace Baton.Web.Pages;

/// <summary>The queues page (<c>/queues</c>): each queue's counts and its first <see cref="Shown"/> items not done, with
/// their claimers.</summary>
internal static class QueuesPage
{
    /// <summary>How many items of each queue the page shows.</summary>
    public const int Shown = 50;

    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store)
    {
        var html = new StringBuilder(4096);
        foreach (var queue in store.ListQueues())
        {
            html.Append("<section class=\"queue\"><h2>").Append(Html.Text(queue.Queue)).Append("</h2><p>")
                .Append(string.Create(CultureInfo.InvariantCulture, $"{queue.Pending} pending, {queue.Claimed} claimed, {queue.Done} done"))
                .Append("</p><table><thead><tr><th>#</th><th>Status</th><th>Priority</th><th>Item</th><th>Claimer</th></tr></thead><tbody>");
            foreach (var item in store.ListQueue(queue.Queue, null, Shown))
            {
                html.Append("<tr><td>").Append(item.Id.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(item.Status.ToString().ToLowerInvariant())
                    .Append("</td><td>").Append(item.Priority.ToString(CultureInfo.InvariantCulture)).Append("</td><td><code>").Append(Html.Text(item.ItemJson))
                    .Append("</code></td><td>").Append(LocksPage.Holder(store, item.Claimer)).Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        return new PageContent("Queues", "", html.Length == 0 ? "<p>No queue yet.</p>" : html.ToString());
    }
}
