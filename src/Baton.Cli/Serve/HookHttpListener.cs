using Baton.ClaudeCode.Hooks;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Platform.Processes;
using Baton.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Baton.Cli.Serve;

/// <summary>
/// The resident server's loopback HTTP listener for Claude Code's HTTP hooks (<see cref="HttpHookProtocol"/>): Kestrel bound
/// to 127.0.0.1 on the home's <see cref="LoopbackEndpoint.Port"/>, never another interface. A request is a hook call only
/// when it is <c>POST /baton/hooks/&lt;Event&gt;</c> with a loopback <c>Host</c> (so a web page cannot reach it through DNS
/// rebinding), <c>Authorization: Bearer &lt;token&gt;</c>, <c>Content-Type: application/json</c> (which a page cannot send
/// to another origin without a preflight, which is refused) and a body of at most <see cref="HookInput.MaxBytes"/>; anything
/// else is answered 4xx and recorded nowhere. A hook call is handed to the server (<see cref="HookCall"/>) with the receive
/// time (<see cref="ProcessTable.Now"/>, the clock relayed hooks' start times are told in) as the hook's start
/// (a call whose session set <c>BATON_DISABLE=1</c> is answered <c>{}</c> and recorded nowhere) and the forwarded variables from its <c>X-Baton-Env-*</c> headers.
/// </summary>
internal sealed class HookHttpListener : IAsyncDisposable
{
    private readonly WebApplication _application;

    private HookHttpListener(WebApplication application) => _application = application;

    /// <summary>Handles one hook call: <paramref name="answer"/> is called once with the hook output line (null for none)
    /// and returns whether it reached the caller.</summary>
    /// <param name="request">The call.</param>
    /// <param name="input">The hook input JSON.</param>
    /// <param name="answer">Writes the answer.</param>
    public delegate void HookCall(RelayRequest request, byte[] input, Func<string?, bool> answer);

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The port and token.</param>
    /// <param name="hook">What a hook call is handed to (runs on a thread-pool thread and may block).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The listener, listening.</returns>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<HookHttpListener> StartAsync(LoopbackEndpoint endpoint, HookCall hook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(hook);
        var builder = LoopbackHostBuilder.Create();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(LoopbackEndpoint.Address, endpoint.Port);
            kestrel.AddServerHeader = false;
            kestrel.AllowSynchronousIO = true; // the hook answers from inside its handler, before it confirms delivery
            kestrel.Limits.MaxRequestBodySize = HookInput.MaxBytes;
        });
        var application = builder.Build();
        application.Run(context => ServeAsync(context, endpoint, hook));
        await application.StartAsync(cancellationToken).ConfigureAwait(false);
        return new HookHttpListener(application);
    }

    /// <summary>Stops listening; calls in flight finish first (within the host's shutdown time).</summary>
    public async ValueTask DisposeAsync()
    {
        await _application.StopAsync().ConfigureAwait(false);
        await _application.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext context, LoopbackEndpoint endpoint, HookCall hook)
    {
        var request = context.Request;
        var eventName = HttpHookProtocol.EventOf(request.Path.Value);
        var refusal = request.Host.Host is not ("127.0.0.1" or "localhost") ? StatusCodes.Status403Forbidden
            : eventName is null ? StatusCodes.Status404NotFound
            : !HttpMethods.IsPost(request.Method) ? StatusCodes.Status405MethodNotAllowed
            : !endpoint.Admits(request.Headers.Authorization) ? StatusCodes.Status401Unauthorized
            : request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true ? StatusCodes.Status415UnsupportedMediaType
            : 0;
        if (refusal != 0)
        {
            context.Response.StatusCode = refusal;
            return;
        }

        var input = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var call = new RelayRequest
        {
            EventName = eventName!,
            HookStart = ProcessTable.Now(),
            Variables = HttpHookProtocol.VariablesFrom(name => request.Headers[name].ToString()),
        };
        var response = context.Response;
        if (call.IsDisabled)
        {
            Answer(response, null);
            return;
        }

        await Task.Run(() => hook(call, input, output => Answer(response, output)), CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(request.ContentLength is { } length and <= HookInput.MaxBytes ? (int)length : 4096);
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        return body.ToArray();
    }

    /// <summary>Writes the whole answer and flushes it, so Claude Code has it before the hook goes on (to confirm a
    /// delivery, or to read git).</summary>
    private static bool Answer(HttpResponse response, string? output)
    {
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(output ?? "{}");
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.ContentLength = bytes.Length;
            response.Body.Write(bytes);
            response.Body.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            return false;
        }
    }
}
