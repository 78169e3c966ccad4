using Microsoft.AspNetCore.Http;

namespace Baton.Web.Security;

/// <summary>
/// The first check of every request. A <c>Host</c> other than <c>127.0.0.1</c> or <c>localhost</c> is refused with 403 (a
/// page on another site reaching the port through DNS rebinding). Then the request must show the token: as <c>?token=</c>
/// (which also sets the <see cref="CookieName"/> cookie, HttpOnly and SameSite=Strict, so the link works once and the page
/// goes on with the cookie), as that cookie, or as <c>Authorization: Bearer</c>; else 401.
/// </summary>
internal sealed class AccessGate
{
    /// <summary>The cookie that carries the token after the first visit.</summary>
    public const string CookieName = "baton_web";

    private const string BearerPrefix = "Bearer ";
    private readonly string _token;

    /// <summary>Creates the gate.</summary>
    /// <param name="token">The page's token.</param>
    public AccessGate(string token) => _token = token;

    /// <summary>Lets the request through to <paramref name="next"/>, or answers 403 or 401.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Host.Host is not ("127.0.0.1" or "localhost"))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "This page answers only at 127.0.0.1 or localhost.");
        }

        var query = context.Request.Query["token"].ToString();
        if (query.Length > 0 && WebToken.Matches(_token, query))
        {
            context.Response.Cookies.Append(CookieName, _token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
            return next(context);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith(BearerPrefix, StringComparison.Ordinal) ? authorization[BearerPrefix.Length..] : null;
        return WebToken.Matches(_token, context.Request.Cookies[CookieName]) || WebToken.Matches(_token, bearer)
            ? next(context)
            : Refuse(context, StatusCodes.Status401Unauthorized, "Open the link baton serve printed (it holds the token).");
    }

    private static Task Refuse(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(why + "\n", context.RequestAborted);
    }
}
