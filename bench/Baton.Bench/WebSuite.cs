using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Sqlite;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>
/// <c>web</c>: the live web page of <c>baton serve --port 0</c> over 20 live sessions (or <c>--live N --ended M</c>). From an HTTP hook's start (as Claude
/// Code posts it to the resident server) to the page showing the session's new status, the way the page's script does it:
/// the <c>/live</c> stream's <c>change</c> event, then a fetch of the page's live part that shows the row with its new
/// status. Beside it, the floors: the same stream's event after a write straight into the store (no hook), and one fetch of
/// the live part alone. The terminal dashboard's figure for the same change is the <c>watch</c> suite's. Then a soak: an
/// hour of a busy fleet's changes (<see cref="SoakChanges"/>: ten sessions, a hook every five seconds each) sent back to
/// back, each followed by a fetch of the page and every hundredth by a new <c>/live</c> stream opened and dropped, with the
/// server's resident memory read as it goes.
/// </summary>
internal static class WebSuite
{
    /// <summary>The store without <c>--live</c>/<c>--ended</c>: 20 live sessions, none ended.</summary>
    private static readonly LsScale DefaultScale = new(20, 0);
    private const int Warmups = 3;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>The soak's changes: an hour of ten sessions making a tool call every five seconds.</summary>
    private const int SoakChanges = 10 * 3600 / 5;

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        var scale = context.Scale ?? DefaultScale;
        context.WriteHeader(
            "`baton serve --port 0`'s web page: HTTP hook start to the page's live part showing the new status, through the /live stream; floors beside it",
            options: context.Scale is null ? "" : $" --live {scale.Live} --ended {scale.Ended}");
        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        List<Session> sessions;
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            sessions = SessionSeeder.Seed(store, live: scale.Live, dead: 0, ended: scale.Ended, liveNamePrefix: "bench-").Live.ToList();
        }

        var runs = context.RunsOr(50);
        output.WriteLine($"setup:   {scale.Live} live sessions, {scale.Ended:N0} ended; {Warmups} warm-up + {runs} status changes round-robin, each an HTTP hook POSTed to the server's "
            + "hook port; one /live stream open; after each change event the live part of / is fetched (as baton.js does) until the row shows the status");
        var problems = new List<string>();
        using var server = HotPathSuite.StartServer(context, sandbox, "--port", "0");
        try
        {
            Measure(context, sandbox, repo, sessions, runs, problems).GetAwaiter().GetResult();
            if (problems.Count == 0)
            {
                Soak(context, sandbox, repo, sessions, server.Id, problems).GetAwaiter().GetResult();
            }
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }

        problems.AddRange(sandbox.BatonLogLines().Where(l => !l.Contains("web page on", StringComparison.Ordinal) && !l.Contains("listening on", StringComparison.Ordinal)
            && !l.Contains("stopped:", StringComparison.Ordinal)).Select(line => "baton.log: " + line));
        output.WriteLine(problems.Count == 0
            ? "checked: every change reached the open page (its row showed the new status) and every store write raised a change event; no error in baton.log"
            : string.Join(Environment.NewLine, problems.Select(p => "FAILED CHECK: " + p)));
        return problems.Count == 0;
    }

    private static async Task Measure(BenchContext context, Sandbox sandbox, string repo, List<Session> sessions, int runs, List<string> problems)
    {
        using var clients = PageClients.Open(context, sandbox);
        var web = clients.Web;

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var events = Channel.CreateUnbounded<double>();
        var stream = await web.GetAsync(new Uri("/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token);
        var reader = ReadEventsAsync(await stream.Content.ReadAsStreamAsync(stop.Token), events.Writer, clock, stop.Token);

        var total = new List<double>();
        var toEvent = new List<double>();
        var hookMs = new List<double>();
        var fetches = new List<double>();
        var statuses = sessions.Select(s => s.Status).ToArray();
        for (var k = 0; k < Warmups + runs && problems.Count == 0; k++)
        {
            var i = k % sessions.Count;
            var (eventName, target) = statuses[i] == SessionStatus.Running
                ? (k / sessions.Count % 2 == 0 ? (HookEvents.PermissionRequest, SessionStatus.WaitingPermission) : (HookEvents.Stop, SessionStatus.WaitingInput))
                : (HookEvents.UserPromptSubmit, SessionStatus.Running);
            await Task.Delay(100 + k % 7 * 20); // let the previous change's git reading settle; not part of any figure
            while (events.Reader.TryRead(out _))
            {
            }

            var start = clock.Elapsed.TotalMilliseconds;
            var answered = await clients.Hooks.PostAsync(eventName, Payloads.StatusEvent(eventName, sessions[i].SessionId, repo, sandbox.UserHome), stop.Token);
            if (answered is < 200 or > 299)
            {
                problems.Add($"change {k}: the HTTP hook {eventName} was answered {answered}");
                break;
            }

            var hookDone = clock.Elapsed.TotalMilliseconds - start;
            var row = $"data-session=\"{sessions[i].SessionId}\" data-status=\"{target.ToWire()}\"";
            double? firstEvent = null;
            double? shown = null;
            var fetched = new List<double>();
            while (shown is null && clock.Elapsed.TotalMilliseconds - start < MaxWait.TotalMilliseconds)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(MaxWait);
                var at = await events.Reader.ReadAsync(wait.Token);
                firstEvent ??= at - start;
                var fetchStart = clock.Elapsed.TotalMilliseconds;
                var live = await FetchLiveAsync(web, stop.Token);
                fetched.Add(clock.Elapsed.TotalMilliseconds - fetchStart);
                if (live.Contains(row, StringComparison.Ordinal))
                {
                    shown = clock.Elapsed.TotalMilliseconds - start;
                }
            }

            statuses[i] = target;
            if (shown is not { } ms)
            {
                problems.Add($"change {k}: {eventName} for {sessions[i].Name} not shown on the page within {MaxWait.TotalSeconds:0} s");
                break;
            }

            if (k >= Warmups)
            {
                total.Add(ms);
                toEvent.Add(firstEvent!.Value);
                hookMs.Add(hookDone);
                fetches.AddRange(fetched);
            }
        }

        var floor = new List<double>();
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            for (var k = 0; k < Warmups + runs && problems.Count == 0; k++)
            {
                await Task.Delay(50);
                while (events.Reader.TryRead(out _))
                {
                }

                var id = sessions[k % sessions.Count].SessionId;
                var start = clock.Elapsed.TotalMilliseconds;
                store.UpdateSession(id, s => new SessionChange(s! with { Task = $"bench task {k}", UpdatedAt = DateTimeOffset.UtcNow }, "session.task", "human", null));
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                wait.CancelAfter(MaxWait);
                try
                {
                    var at = await events.Reader.ReadAsync(wait.Token);
                    if (k >= Warmups)
                    {
                        floor.Add(at - start);
                    }
                }
                catch (OperationCanceledException)
                {
                    problems.Add($"floor {k}: no change event within {MaxWait.TotalSeconds:0} s of a store write");
                }
            }
        }

        await stop.CancelAsync();
        await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stream.Dispose();
        if (total.Count == 0)
        {
            return;
        }

        var table = Table.ForTimings("hook -> web page");
        table.AddTimings("total: HTTP hook start -> live part shows it", total);
        table.AddTimings("  hook start -> /live change event", toEvent);
        table.AddTimings("  HTTP hook answered (start -> response)", hookMs);
        table.AddTimings("  one fetch of the live part of /", fetches);
        table.AddTimings("floor: store write in-process -> change event", floor);
        table.Write(context.Output);
        context.Output.WriteLine($"         compare: `watch` suite, the terminal dashboard's total for the same change (poll of the journal); target here: p95 under 100 ms (total {Ms(Summary.Of(total).P95)} ms)");
    }

    private static async Task Soak(BenchContext context, Sandbox sandbox, string repo, List<Session> sessions, int serverPid, List<string> problems)
    {
        using var clients = PageClients.Open(context, sandbox);
        var output = context.Output;
        output.WriteLine($"soak:    {SoakChanges:N0} status changes back to back (an hour of 10 sessions with a tool call every 5 s), each followed by a fetch of /, a /live stream opened and dropped every 100th; server VmRSS:");
        var readings = new List<(int Changes, double Mb)> { (0, HotPathSuite.RssMb(serverPid)) };
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < SoakChanges && problems.Count == 0; k++)
        {
            var session = sessions[k % sessions.Count];
            var eventName = k / sessions.Count % 2 == 0 ? HookEvents.UserPromptSubmit : HookEvents.Stop;
            var answered = await clients.Hooks.PostAsync(eventName, Payloads.StatusEvent(eventName, session.SessionId, repo, sandbox.UserHome), CancellationToken.None);
            if (answered is < 200 or > 299)
            {
                problems.Add($"soak change {k}: the HTTP hook {eventName} was answered {answered}");
            }

            _ = await FetchLiveAsync(clients.Web, CancellationToken.None);
            if (k % 100 == 0)
            {
                using var dropped = await clients.Web.GetAsync(new Uri("/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            }

            if ((k + 1) % 1800 == 0)
            {
                readings.Add((k + 1, HotPathSuite.RssMb(serverPid)));
            }
        }

        output.WriteLine("         " + string.Join(", ", readings.Select(r => $"{r.Changes:N0}: {HotPathSuite.Mb(r.Mb)} MB"))
            + $"; {clock.Elapsed.TotalSeconds:0} s; growth over the last three quarters {HotPathSuite.Mb(readings[^1].Mb - readings[1].Mb)} MB (the first quarter warms caches and pools)");
    }

    /// <summary>The bench's HTTP clients: one for the page (with the web token), one for the hooks (with the hooks' token).</summary>
    private sealed class PageClients(HttpClient web, HttpHookClient hooks) : IDisposable
    {
        public HttpClient Web { get; } = web;

        public HttpHookClient Hooks { get; } = hooks;

        public static PageClients Open(BenchContext context, Sandbox sandbox)
        {
            var status = JsonNode.Parse(ChildProcess.Check(sandbox, sandbox.Root, context.Baton, "serve", "status", "--json"))!;
            var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{status["web_port"]!.GetValue<int>()}") };
            web.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BatonSettings.Load(sandbox.Baton).WebToken);
            return new PageClients(web, new HttpHookClient(sandbox));
        }

        public void Dispose()
        {
            Web.Dispose();
            Hooks.Dispose();
        }
    }

    private static async Task<string> FetchLiveAsync(HttpClient web, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Baton-Live", "1");
        using var response = await web.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static async Task ReadEventsAsync(Stream stream, ChannelWriter<double> events, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: change")
            {
                events.TryWrite(clock.Elapsed.TotalMilliseconds);
            }
        }
    }
}
