using System.Net.Http.Headers;
using Baton.Core.Home;
using Baton.Core.Relay;

namespace Baton.Bench;

/// <summary>Posts hook input to the resident server's HTTP hook endpoint, as Claude Code does for an HTTP hook (Claude Code
/// hook input, see shared/docs/claude-code.md; the endpoint and token from the home's <c>http.json</c>).</summary>
internal sealed class HttpHookClient : IDisposable
{
    private readonly HttpClient _client = new();
    private readonly LoopbackEndpoint _endpoint;

    /// <summary>Opens a client for the server of <paramref name="sandbox"/>.</summary>
    /// <param name="sandbox">The sandbox whose Baton home holds the server's <c>http.json</c>.</param>
    /// <exception cref="InvalidOperationException">The server wrote no <c>http.json</c>.</exception>
    public HttpHookClient(Sandbox sandbox)
    {
        _endpoint = LoopbackEndpoint.Read(sandbox.Baton) ?? throw new InvalidOperationException("The server wrote no http.json.");
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _endpoint.Token);
    }

    /// <summary>Posts one hook call and waits for the answer.</summary>
    /// <param name="eventName">The hook event, e.g. <c>PostToolUse</c>.</param>
    /// <param name="payload">The hook input JSON.</param>
    /// <returns>The HTTP status code of the answer.</returns>
    public int Post(string eventName, byte[] payload) => PostAsync(eventName, payload, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Posts one hook call.</summary>
    /// <param name="eventName">The hook event, e.g. <c>PostToolUse</c>.</param>
    /// <param name="payload">The hook input JSON.</param>
    /// <param name="cancellationToken">Gives up the call.</param>
    /// <returns>The HTTP status code of the answer.</returns>
    public async Task<int> PostAsync(string eventName, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answered = await _client.PostAsync(new Uri(HttpHookProtocol.UrlFor(_endpoint, eventName)), content, cancellationToken).ConfigureAwait(false);
        return (int)answered.StatusCode;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
