using System.Globalization;
using System.Text;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Web.Pages;

/// <summary>The tasks page (<c>/tasks</c>): a board per task list, its tasks in three columns (pending, in progress,
/// completed), each with its owner and what blocks it.</summary>
internal static class TasksPage
{
    private static readonly (TaskItemStatus Status, string Name)[] Columns =
        [(TaskItemStatus.Pending, "Pending"), (TaskItemStatus.InProgress, "In progress"), (TaskItemStatus.Completed, "Completed")];

    /// <summary>Renders the page.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The page.</returns>
    public static PageContent Render(IBatonStore store)
    {
        var html = new StringBuilder(8192);
        foreach (var list in store.ListTaskLists())
        {
            var tasks = store.ListTasks(list.List, new TaskFilter());
            html.Append("<section class=\"board\"><h2>").Append(Html.Text(list.List)).Append("</h2><div class=\"columns\">");
            foreach (var (status, name) in Columns)
            {
                html.Append("<div class=\"column\"><h3>").Append(name).Append("</h3><ul>");
                foreach (var task in tasks.Where(t => t.Status == status))
                {
                    html.Append("<li class=\"card\"><strong>#").Append(task.Id.ToString(CultureInfo.InvariantCulture)).Append("</strong> ")
                        .Append(Html.Text(task.Subject));
                    if (task.Owner is { } owner)
                    {
                        html.Append("<br>owner: ").Append(LocksPage.Holder(store, owner));
                    }

                    if (task.OpenBlockers.Count > 0)
                    {
                        html.Append("<br>blocked by ").Append(string.Join(", ", task.OpenBlockers.Select(b => "#" + b.ToString(CultureInfo.InvariantCulture))));
                    }

                    html.Append("</li>");
                }

                html.Append("</ul></div>");
            }

            html.Append("</div></section>");
        }

        return new PageContent("Tasks", "", html.Length == 0 ? "<p>No task list yet.</p>" : html.ToString());
    }
}
