using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Baton.Web.Security;

/// <summary>Every state-changing request is a POST, and every POST must carry ASP.NET Core's anti-forgery token (the
/// page's forms hold it, <see cref="IAntiforgery.GetAndStoreTokens"/>); one without it is answered 400 before any
/// endpoint runs. Other methods than GET, HEAD and POST are answered 405.</summary>
internal static class FormGuard
{
    /// <summary>Checks the request, then runs <paramref name="next"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var method = context.Request.Method;
        if (HttpMethods.IsPost(method))
        {
            var antiforgery = context.RequestServices.GetService(typeof(IAntiforgery)) as IAntiforgery
                ?? throw new InvalidOperationException("Antiforgery is not registered.");
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("The form's anti-forgery token is missing or wrong: reload the page.\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }
        else if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
