using System.Globalization;
using System.Net.Http.Headers;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// One open <c>/live</c> event stream of the web page, read line by line in the background: the sequence numbers its
/// <c>hello</c> and <c>change</c> events carry, how many changes came, and whether (and why) it ended before
/// <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class LiveStreamListener : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private long _lastSequence = -1;
    private int _changes;
    private int _hellos;
    private volatile string? _ended;

    private LiveStreamListener(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reading = ReadAsync(body);
    }

    /// <summary>Whether the <c>hello</c> event came.</summary>
    public bool Greeted => Volatile.Read(ref _hellos) > 0;

    /// <summary>The sequence number of the last event, -1 before the first.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>How many <c>change</c> events came.</summary>
    public int Changes => Volatile.Read(ref _changes);

    /// <summary>Why the stream ended while the test still listened, or null while it is open.</summary>
    public string? Ended => _ended;

    /// <summary>Opens <c>/live</c> with the token as the page's cookie or as a Bearer header.</summary>
    /// <param name="http">The client.</param>
    /// <param name="port">The page's port.</param>
    /// <param name="token">The page's token.</param>
    /// <param name="asCookie">Whether the token goes as the cookie a browser holds rather than as a Bearer header.</param>
    /// <returns>The stream, its headers read, its body being read.</returns>
    public static async Task<LiveStreamListener> OpenAsync(HttpClient http, int port, string token, bool asCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/live"));
        if (asCookie)
        {
            request.Headers.Add("Cookie", $"baton_web={token}");
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            var answer = $"/live answered {(int)response.StatusCode} {response.Content.Headers.ContentType}";
            response.Dispose();
            throw new InvalidOperationException(answer);
        }

        return new LiveStreamListener(response, await response.Content.ReadAsStreamAsync());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }

    private async Task ReadAsync(Stream body)
    {
        string? eventName = null;
        try
        {
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref _lastSequence, long.Parse(line["data: ".Length..], CultureInfo.InvariantCulture));
                    if (eventName == "change")
                    {
                        Interlocked.Increment(ref _changes);
                    }
                    else if (eventName == "hello")
                    {
                        Interlocked.Increment(ref _hellos);
                    }
                }
                else if (line.Length == 0)
                {
                    eventName = null;
                }
            }

            _ended = "the server closed it";
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            _ended = $"{e.GetType().Name}: {e.Message}";
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The test closed it.
        }
    }
}
