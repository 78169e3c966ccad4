using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Security;

/// <summary>The anti-forgery field the page's forms carry (and the cookie it pairs with, set on the same answer).</summary>
internal static class FormToken
{
    /// <summary>The name of the form field.</summary>
    public const string FieldName = "__baton_form";

    /// <summary>The cookie that pairs with the field.</summary>
    public const string CookieName = "baton_form";

    /// <summary>Makes the tokens for a request and returns the hidden field to put in each form.</summary>
    /// <param name="context">The request whose answer gets the cookie.</param>
    /// <returns>HTML of a hidden input.</returns>
    public static string Field(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{FieldName}\" value=\"{Pages.Html.Attribute(tokens.RequestToken)}\">";
    }
}
