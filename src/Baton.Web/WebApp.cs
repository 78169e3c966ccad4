using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web;

/// <summary>Builds the page's ASP.NET Core application: security headers, the access gate (loopback <c>Host</c>, token),
/// the anti-forgery check of every POST, then the endpoints (<see cref="WebRoutes"/>). The host (Kestrel on 127.0.0.1, or
/// a test server) is the caller's.</summary>
internal static class WebApp
{
    /// <summary>Builds the application.</summary>
    /// <param name="options">The page's options.</param>
    /// <param name="token">The page's token.</param>
    /// <param name="host">Configures the host (where it listens).</param>
    /// <returns>The application, not started; its services own a pool of stores, closed when it is disposed.</returns>
    public static WebApplication Build(WebDashboardOptions options, string token, Action<WebApplicationBuilder> host)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        var builder = LoopbackHostBuilder.Create();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.FormFieldName = FormToken.FieldName;
            antiforgery.HeaderName = null;
            antiforgery.Cookie.Name = FormToken.CookieName;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
        });
        builder.Services.AddSingleton(_ => new StoreAccess(options.Stores)); // the container closes its stores with the application
        host(builder);
        var application = builder.Build();
        var stores = application.Services.GetRequiredService<StoreAccess>();
        var gate = new AccessGate(token);
        application.Use(SecurityHeaders.InvokeAsync);
        application.Use(gate.InvokeAsync);
        application.Use(FormGuard.InvokeAsync);
        WebRoutes.Map(application, options, stores);
        return application;
    }
}
