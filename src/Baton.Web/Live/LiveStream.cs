using System.Globalization;
using Baton.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Web.Live;

/// <summary>
/// <c>GET /live</c>: server-sent events driven by the store's change feed (<see cref="StoreChangeBroadcast"/>, one watch for
/// the whole server): each time the journal moved, one <c>change</c> event with its last sequence number, on which the page
/// renders its live part again. Between changes a comment every <see cref="KeepAlive"/> keeps the connection open and finds a
/// closed one. Holds nothing per stream but its last sequence number, so open streams cost no growing memory.
/// </summary>
internal static class LiveStream
{
    /// <summary>The longest time between two writes on a stream.</summary>
    public static readonly TimeSpan KeepAlive = StoreFollower.DefaultFallback;

    /// <summary>Streams changes until the browser goes away or the server stops.</summary>
    /// <param name="context">The request.</param>
    /// <param name="changes">The server's watch of the store.</param>
    /// <param name="stores">The page's stores.</param>
    /// <returns>A task that completes when the stream ends.</returns>
    public static async Task ServeAsync(HttpContext context, StoreChangeBroadcast changes, StoreAccess stores)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(stores);
        var response = context.Response;
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var stop = linked.Token;
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        var ticket = changes.Ticket;
        var last = stores.Use(store => store.LastSequence());
        try
        {
            await WriteAsync(response, $"retry: 1000\nevent: hello\ndata: {last.ToString(CultureInfo.InvariantCulture)}\n\n", stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                await StoreChangeBroadcast.WaitAsync(ticket, KeepAlive, stop).ConfigureAwait(false);
                ticket = changes.Ticket;
                var sequence = stores.Use(store => store.LastSequence());
                if (sequence != last)
                {
                    last = sequence;
                    await WriteAsync(response, $"event: change\ndata: {sequence.ToString(CultureInfo.InvariantCulture)}\n\n", stop).ConfigureAwait(false);
                }
                else
                {
                    await WriteAsync(response, ":\n\n", stop).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The browser went away, or the server stops.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken stop)
    {
        await response.WriteAsync(text, stop).ConfigureAwait(false);
        await response.Body.FlushAsync(stop).ConfigureAwait(false);
    }
}
