using Baton.Core.Storage;
using Baton.Web.Actions;
using Baton.Web.Assets;
using Baton.Web.Live;
using Baton.Web.Pages;
using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Baton.Web;

/// <summary>The page's endpoints. A page's GET answers the whole document, or with the <see cref="Layout.LiveHeader"/>
/// header only its live part (what the script fetches on each change).</summary>
internal static class WebRoutes
{
    /// <summary>Maps every endpoint.</summary>
    /// <param name="routes">The application.</param>
    /// <param name="options">The page's options.</param>
    /// <param name="stores">The page's stores.</param>
    public static void Map(IEndpointRouteBuilder routes, WebDashboardOptions options, StoreAccess stores)
    {
        routes.MapGet("/", context => PageAsync(context, "/", stores.Use(store => SessionsPage.Render(store, options, context.Request.Query))));
        routes.MapGet("/tasks", context => PageAsync(context, "/tasks", stores.Use(TasksPage.Render)));
        routes.MapGet("/locks", context => PageAsync(context, "/locks", stores.Use(LocksPage.Render)));
        routes.MapGet("/queues", context => PageAsync(context, "/queues", stores.Use(QueuesPage.Render)));
        routes.MapGet("/events", context => PageAsync(context, "/events", stores.Use(store => EventsPage.Render(store, context.Request.Query))));
        routes.MapGet("/sessions/{id}", context =>
        {
            var forms = FormToken.Field(context);
            return PageAsync(context, "/", stores.Use(store => store.GetSession(Id(context)) is { } session ? SessionPage.Render(store, options, session, forms) : null));
        });
        routes.MapGet("/sessions/{id}/kill", context =>
        {
            var forms = FormToken.Field(context);
            return PageAsync(context, "/", stores.Use(store => store.GetSession(Id(context)) is { IsEnded: false } session ? KillPage.Render(session, forms) : null));
        });
        routes.MapPost("/sessions/{id}/{action}", async context =>
        {
            if (stores.Use(store => store.GetSession(Id(context))) is not { } session)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            try
            {
                await SessionActions.RunAsync(context, options, stores, session, context.Request.RouteValues["action"] as string ?? "").ConfigureAwait(false);
            }
            catch (Exception e) when (Refusal.Is(e))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var back = $"<p role=\"alert\">{Html.Text(e.Message, Html.BodyLength)}</p><p><a href=\"/sessions/{Html.Segment(session.SessionId)}\">Back to the session</a></p>";
                await PageAsync(context, "/", new PageContent("Not done", back, "")).ConfigureAwait(false);
            }
        });
        routes.MapGet("/live", context => LiveStream.ServeAsync(context, options.Changes, stores));
        routes.MapGet("/assets/{name}", context => PageAssets.ServeAsync(context, context.Request.RouteValues["name"] as string ?? ""));
    }

    private static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    private static Task PageAsync(HttpContext context, string section, PageContent? page)
    {
        var response = context.Response;
        if (page is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync("No such session.\n", context.RequestAborted);
        }

        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(
            context.Request.Headers.ContainsKey(Layout.LiveHeader) ? page.Live : Layout.Render(page, section),
            context.RequestAborted);
    }
}
