using Microsoft.AspNetCore.Http;

namespace Baton.Web.Assets;

/// <summary><c>GET /assets/baton.js</c> and <c>/assets/baton.css</c>: the page's script and style, embedded in this
/// assembly and served by baton itself, so the page needs nothing from another origin.</summary>
internal static class PageAssets
{
    private static readonly Dictionary<string, (string ContentType, byte[] Bytes)> Files = new(StringComparer.Ordinal)
    {
        ["baton.js"] = ("text/javascript; charset=utf-8", Read("baton.js")),
        ["baton.css"] = ("text/css; charset=utf-8", Read("baton.css")),
    };

    /// <summary>Answers one asset, or 404.</summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The file name from the path.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public static Task ServeAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Bytes.Length;
        return context.Response.Body.WriteAsync(file.Bytes, context.RequestAborted).AsTask();
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("Baton.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The page asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
