using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// The load issue 14 asks the page to bear, against the real <c>baton serve --port 0</c>: 100 open <c>/live</c> event
/// streams and 50 page GETs a second for 60 s while <c>baton state set</c> changes the store a few times a second. Every
/// request is answered 200, every stream stays open and follows the changes, and the server's resident memory stays flat.
/// Only behaviour is asserted, never speed: the figures (requests, latency, memory) go to the test output.
/// </summary>
public sealed class WebPageLoadTests : IAsyncLifetime
{
    private const int StreamCount = 100;
    private const int RequestsPerSecond = 50;

    /// <summary>
    /// How far the server's VmRSS may rise during the 60 s after warm-up. The warm-up (all streams open, every page rendered
    /// under the same load for <see cref="WarmUp"/>) has already paid for the JIT, Kestrel's buffers and SQLite's pages;
    /// what still moves without a leak is when the GC collects and when the runtime hands pages back to the OS: a few MB
    /// (about +2 MB when this was written). 50 MB is an order of magnitude above that, so a loaded machine does not make
    /// the test fail, while a leak that scales with the load does: 50 MB over about 3,000 requests and 100 x 240 stream
    /// events is some 17 KB kept per request (about one rendered page) or 2 KB per event. Slower leaks are for the
    /// hour-long benchmark the issue asks for, not for this test.
    /// </summary>
    private const long RssGrowthBoundKb = 50 * 1024;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ChangeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string[] Pages = ["/", "/tasks", "/locks", "/queues", "/events"];

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = int.MaxValue })
    {
        Timeout = Patience,
    };

    private readonly List<LiveStreamListener> _streams = [];
    private ResidentServerProcess? _server;
    private int _port;
    private string _token = "";

    /// <summary>Makes the sandbox.</summary>
    /// <param name="output">The test output, which gets the figures.</param>
    public WebPageLoadTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var stream in _streams)
        {
            await stream.DisposeAsync();
        }

        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _sandbox.Dispose();
    }

    [Fact]
    public async Task A_hundred_event_streams_and_fifty_requests_a_second_for_a_minute_get_no_error_and_no_memory_growth()
    {
        _server = await ResidentServerProcess.StartAsync(_sandbox, "--port", "0");
        _port = (await _server.StatusAsync())!["web_port"]!.GetValue<int>();
        _token = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_sandbox.BatonHome, "config.json")))!["web_token"]!.GetValue<string>();
        for (var i = 0; i < StreamCount; i++)
        {
            _streams.Add(await LiveStreamListener.OpenAsync(_http, _port, _token, asCookie: i % 2 == 0));
        }

        await Eventually.Until(() => _streams.All(s => s.Greeted), Patience, "every stream got its hello event");

        var warmUp = await LoadAsync(WarmUp);
        ShouldAllBeAnswered(warmUp.Answers, "warm-up");
        var rssBefore = ResidentKb(_server.Pid);
        var changesBefore = _streams.Select(s => s.Changes).ToArray();

        var load = await LoadAsync(LoadTime);

        ShouldAllBeAnswered(load.Answers, "load");
        load.Changes.ShouldBeGreaterThan(0, "the store changed during the load");
        EndedStreams().ShouldBeEmpty();
        _streams.Select((s, i) => s.Changes - changesBefore[i]).ShouldAllBe(received => received > 0, "every stream received change events during the load");
        (await _baton.RunAsync("state", "set", "load", "last", "\"done\"")).ExitCode.ShouldBe(0);
        var last = await LastSequenceAsync();
        await Eventually.Until(() => _streams.All(s => s.LastSequence >= last), Patience, $"every stream followed the journal to {last}");
        EndedStreams().ShouldBeEmpty();
        var rssAfter = ResidentKb(_server.Pid);
        _server.HasExited.ShouldBeFalse();

        Report(load, rssBefore, rssAfter);
        (rssAfter - rssBefore).ShouldBeLessThanOrEqualTo(RssGrowthBoundKb, $"VmRSS {rssBefore} kB after warm-up, {rssAfter} kB after {LoadTime.TotalSeconds:0} s");
    }

    /// <summary>The streams that ended, with why.</summary>
    private List<string> EndedStreams() => [.. _streams.Select((s, i) => s.Ended is { } why ? $"stream {i}: {why}" : null).OfType<string>()];

    /// <summary>Drives <see cref="RequestsPerSecond"/> page GETs a second for <paramref name="duration"/>, paced by a
    /// <see cref="PeriodicTimer"/>, while <c>baton state set</c> changes the store every <see cref="ChangeInterval"/>.</summary>
    private async Task<LoadRun> LoadAsync(TimeSpan duration)
    {
        using var done = new CancellationTokenSource();
        var changing = ChangeAsync(done.Token);
        var requests = new List<Task<PageAnswer>>();
        var clock = Stopwatch.StartNew();
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / RequestsPerSecond)))
        {
            while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
            {
                requests.Add(GetAsync(Pages[requests.Count % Pages.Length], asCookie: requests.Count % 2 == 0));
            }
        }

        var sent = clock.Elapsed;
        await done.CancelAsync();
        var answers = await Task.WhenAll(requests);
        return new LoadRun(answers, sent, await changing);
    }

    /// <summary>Sets a state value every <see cref="ChangeInterval"/> (a tick missed while one runs is skipped) until stopped; returns how many.</summary>
    private async Task<int> ChangeAsync(CancellationToken stop)
    {
        var changes = 0;
        using var timer = new PeriodicTimer(ChangeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var set = await _baton.RunAsync("state", "set", "load", "counter", changes.ToString(CultureInfo.InvariantCulture));
                set.ExitCode.ShouldBe(0, set.StdErr);
                changes++;
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }

        return changes;
    }

    private async Task<PageAnswer> GetAsync(string path, bool asCookie)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_port}{path}"));
            if (asCookie)
            {
                request.Headers.Add("Cookie", $"baton_web={_token}");
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            }

            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return new PageAnswer(path, response.StatusCode, clock.Elapsed, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new PageAnswer(path, null, clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<long> LastSequenceAsync()
    {
        var events = await _baton.RunAsync("events", "--limit", "1", "--json");
        events.ExitCode.ShouldBe(0, events.StdErr);
        return JsonNode.Parse(events.StdOut)!.AsArray().Single()!["seq"]!.GetValue<long>();
    }

    private static void ShouldAllBeAnswered(IReadOnlyList<PageAnswer> answers, string phase)
    {
        answers.ShouldNotBeEmpty();
        var wrong = answers.Where(a => a.Status != HttpStatusCode.OK).Take(10).Select(a => $"{a.Path}: {a.Status?.ToString() ?? a.Failure}").ToList();
        wrong.ShouldBeEmpty($"every request of the {phase} answered 200");
    }

    /// <summary>The process's resident set size, VmRSS in <c>/proc/PID/status</c>, in kB.</summary>
    private static long ResidentKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void Report(LoadRun load, long rssBefore, long rssAfter)
    {
        var latencies = load.Answers.Select(a => a.Latency.TotalMilliseconds).Order().ToArray();
        _output.WriteLine($"streams open: {StreamCount}; change events per stream: min {_streams.Min(s => s.Changes)}, max {_streams.Max(s => s.Changes)}");
        _output.WriteLine($"requests: {load.Answers.Count} in {load.Sent.TotalSeconds:0.0} s ({load.Answers.Count / load.Sent.TotalSeconds:0.0}/s), all 200; store changes (baton state set): {load.Changes}");
        _output.WriteLine($"latency ms: p50 {Percentile(latencies, 0.50):0.0}, p95 {Percentile(latencies, 0.95):0.0}, p99 {Percentile(latencies, 0.99):0.0}, max {latencies[^1]:0.0}");
        _output.WriteLine($"server VmRSS: {rssBefore / 1024.0:0.0} MB after warm-up, {rssAfter / 1024.0:0.0} MB after {LoadTime.TotalSeconds:0} s ({(rssAfter - rssBefore) / 1024.0:+0.0;-0.0} MB)");
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
