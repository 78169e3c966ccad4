namespace Baton.Web.Tests;

public sealed class LiveStreamTests : IAsyncLifetime
{
    private WebHarness _web = null!;

    public async Task InitializeAsync() => _web = await WebHarness.StartAsync();

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task The_live_stream_tells_of_a_change_to_the_store_with_its_sequence()
    {
        using var client = _web.Bearer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.GetAsync("/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntilAsync(reader, "event: hello", timeout.Token);

        long sequence;
        using (var store = _web.OpenStore())
        {
            sequence = store.AcquireLock("deploy", "human", TimeSpan.FromMinutes(1), null).Lock.Token > 0 ? store.LastSequence() : 0;
        }

        await ReadUntilAsync(reader, "event: change", timeout.Token);
        (await reader.ReadLineAsync(timeout.Token)).ShouldBe($"data: {sequence}");
    }

    [Fact]
    public async Task The_live_part_of_a_page_comes_alone_when_asked_for()
    {
        _web.AddSession("s-1");
        using var client = _web.Bearer();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Baton-Live", "1");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        html.ShouldStartWith("<table id=\"sessions\">");
        html.ShouldContain("data-session=\"s-1\"");
        html.ShouldNotContain("<html");
    }

    private static async Task ReadUntilAsync(StreamReader reader, string line, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } read)
        {
            if (read == line)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The stream ended before '{line}'.");
    }
}
