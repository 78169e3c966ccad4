using System.Text;

namespace Baton.Web.Pages;

/// <summary>The frame of every page: the navigation, the page's controls, and its live part (<c>main#live</c>, which
/// <c>baton.js</c> renders again when the live stream tells of a change). The script and style are served by the page
/// itself (<c>/assets/</c>); nothing comes from another origin.</summary>
internal static class Layout
{
    /// <summary>The header a request sends to get only a page's live part (what <c>baton.js</c> fetches).</summary>
    public const string LiveHeader = "X-Baton-Live";

    private static readonly (string Path, string Name)[] Sections =
        [("/", "Sessions"), ("/tasks", "Tasks"), ("/locks", "Locks"), ("/queues", "Queues"), ("/events", "Events")];

    /// <summary>The whole page.</summary>
    /// <param name="page">The page.</param>
    /// <param name="current">The path of the section it belongs to.</param>
    /// <returns>The HTML document.</returns>
    public static string Render(PageContent page, string current)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.Text(page.Title)).Append(" · baton</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/baton.css\"><script src=\"/assets/baton.js\" defer></script>")
            .Append("</head><body><header><nav aria-label=\"Sections\"><strong>baton</strong>");
        foreach (var (path, name) in Sections)
        {
            html.Append("<a href=\"").Append(path).Append('"').Append(path == current ? " aria-current=\"page\"" : "").Append('>')
                .Append(name).Append("</a>");
        }

        html.Append("<button type=\"button\" id=\"notify\" hidden>Notify me</button></nav></header>")
            .Append("<h1>").Append(Html.Text(page.Title)).Append("</h1>")
            .Append(page.Controls)
            .Append("<main id=\"live\" aria-live=\"polite\">").Append(page.Live).Append("</main></body></html>");
        return html.ToString();
    }
}
