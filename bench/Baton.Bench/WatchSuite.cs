using System.Diagnostics;
using System.Globalization;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>
/// <c>watch</c>: the real <c>baton watch</c> in a pane of the bench's own tmux server over 20 live sessions. (1) Latency
/// from starting <c>baton hook &lt;Event&gt;</c> to <c>tmux capture-pane</c> showing the session's row with its new status,
/// with the hook process's own duration beside it. (2) CPU time and context switches of an idle <c>baton watch</c>.
/// </summary>
internal static class WatchSuite
{
    private const int Sessions = 20;
    private const int Width = 160;
    private const int Height = 50;
    private const int Warmups = 3;
    private const int DefaultIdleSeconds = 60;
    private const int MaxPauseMs = 200;
    private const int MaxConsecutiveMisses = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstFrameWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        var idleSeconds = context.IdleSeconds ?? DefaultIdleSeconds;
        context.WriteHeader(
            "`baton watch` in tmux: hook process start to the row showing the new status, and CPU of an idle dashboard",
            options: context.IdleSeconds is { } given ? $" --idle-seconds {given}" : "");
        if (TmuxServer.Version() is not { } tmuxVersion)
        {
            output.WriteLine("FAILED CHECK: tmux is not installed (the watch suite drives `baton watch` in a tmux pane)");
            return false;
        }

        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        List<Session> sessions;
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            sessions = SessionSeeder.Seed(store, live: Sessions, dead: 0, ended: 0, liveNamePrefix: "bench-").Live.ToList();
        }

        var runs = context.RunsOr(50);
        output.WriteLine($"setup:   {Sessions} live sessions (the bench's pid, names bench-00..bench-{Sessions - 1:00}); {tmuxVersion}, own socket, "
            + $"pane {Width}x{Height}, TERM=xterm-256color, pane runs baton directly; hooks from the bench with a git repo as cwd");
        output.WriteLine($"         latency: {Warmups} warm-up + {runs} status changes, round-robin over the sessions, a random 0-{MaxPauseMs} ms pause "
            + $"before each; capture-pane polled every {PollInterval.TotalMilliseconds:0} ms from the hook's exit, up to {MaxWait.TotalSeconds:0} s");
        output.WriteLine($"         idle: a fresh `baton watch`, {Settle.TotalSeconds:0} s to settle, then {idleSeconds} s measured from /proc");

        var problems = new List<string>();
        using var tmux = TmuxServer.Create(sandbox);
        var latency = MeasureLatency(context, sandbox, tmux, repo, sessions, runs, problems);
        if (latency is not null)
        {
            CheckStore(sandbox, sessions, latency.Final, problems);
        }

        var idle = problems.Count == 0 ? MeasureIdle(context, tmux, idleSeconds, problems) : null;
        problems.AddRange(sandbox.BatonLogLines().Select(line => "baton.log: " + line));

        if (latency is not null && latency.Total.Count > 0)
        {
            output.WriteLine($"startup: first frame {Ms(latency.FirstFrameMs)} ms after `tmux new-session` (pane pid {latency.Pid}, {latency.PidNote})");
            var table = Table.ForTimings("hook -> dashboard");
            table.AddTimings("total: hook start -> row shows it", latency.Total);
            table.AddTimings("baton hook process (start -> exit)", latency.Hook);
            table.AddTimings("dashboard part (total - hook)", latency.Dashboard);
            table.AddTimings("tmux capture-pane (one poll)", latency.Capture);
            table.Write(output);
            output.WriteLine("         events: " + string.Join(", ", latency.Events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}")));
        }

        if (idle is not null)
        {
            CpuInterval.Write(output, $"idle, {Sessions} sessions", idle);
        }

        output.WriteLine(problems.Count == 0
            ? $"checked: every change showed on its session's row (found by short id and name) with the new status, and the row showed the old one "
                + $"before; the store holds the {Sessions} final statuses; baton watch ran to the end both times; no baton.log"
            : string.Join(Environment.NewLine, problems.Select(p => "FAILED CHECK: " + p)));
        return problems.Count == 0;
    }

    private static LatencyResult? MeasureLatency(
        BenchContext context, Sandbox sandbox, TmuxServer tmux, string repo, List<Session> sessions, int runs, List<string> problems)
    {
        var clock = Stopwatch.StartNew();
        var pane = tmux.StartSession("latency", Width, Height, context.Baton, "watch");
        if (!WaitForFirstFrame(tmux, pane, problems))
        {
            return null;
        }

        var result = new LatencyResult { FirstFrameMs = clock.Elapsed.TotalMilliseconds };
        (result.Pid, result.PidNote) = WatchPid(tmux, pane);
        var statuses = sessions.Select(s => s.Status).ToArray();
        var random = new Random(20250602);
        var misses = 0;
        for (var k = 0; k < Warmups + runs && misses < MaxConsecutiveMisses; k++)
        {
            var i = k % sessions.Count;
            var session = sessions[i];
            var (eventName, target) = statuses[i] == SessionStatus.Running
                ? (k / sessions.Count % 2 == 0 ? (HookEvents.PermissionRequest, SessionStatus.WaitingPermission) : (HookEvents.Stop, SessionStatus.WaitingInput))
                : (HookEvents.UserPromptSubmit, SessionStatus.Running);
            Thread.Sleep(random.Next(0, MaxPauseMs + 1));

            var before = RowOf(tmux.Capture(pane), session);
            if (before is null || !Shows(before, statuses[i]))
            {
                problems.Add($"change {k}: before the hook, {Label(session)}'s row does not show {statuses[i].ToWire()}: {before?.Trim() ?? "(no row)"}");
                break;
            }

            var payload = Payloads.StatusEvent(eventName, session.SessionId, repo, sandbox.UserHome);
            var timer = Stopwatch.StartNew();
            var hook = ChildProcess.Run(context.Baton, ["hook", eventName], sandbox, repo, payload);
            var hookMs = timer.Elapsed.TotalMilliseconds;
            if (hook.ExitCode != 0 || hook.Stdout.Length > 0 || hook.Stderr.Length > 0)
            {
                problems.Add($"change {k}: baton hook {eventName} exited {hook.ExitCode}: {hook.Stdout}{hook.Stderr}".Trim());
            }

            var measured = k >= Warmups;
            double? seenMs = null;
            string? last = null;
            var deadline = timer.Elapsed + MaxWait;
            var next = timer.Elapsed;
            while (timer.Elapsed < deadline)
            {
                var wait = next - timer.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }

                var start = timer.Elapsed;
                next = start + PollInterval;
                var text = tmux.Capture(pane);
                var end = timer.Elapsed;
                if (measured)
                {
                    result.Capture.Add((end - start).TotalMilliseconds);
                }

                last = RowOf(text, session);
                if (last is not null && Shows(last, target))
                {
                    seenMs = end.TotalMilliseconds;
                    break;
                }
            }

            statuses[i] = target;
            if (seenMs is not { } total)
            {
                misses++;
                problems.Add($"change {k}: {eventName} for {Label(session)} ({statuses[i].ToWire()} expected) not shown within {MaxWait.TotalSeconds:0} s; "
                    + $"the row showed: {last?.Trim() ?? "(no row)"}; pane: {tmux.Display(pane, "dead=#{pane_dead} status=#{pane_dead_status}")}");
                continue;
            }

            misses = 0;
            if (measured)
            {
                result.Total.Add(total);
                result.Hook.Add(hookMs);
                result.Dashboard.Add(total - hookMs);
                result.Events[eventName] = result.Events.GetValueOrDefault(eventName) + 1;
            }
        }

        if (tmux.Display(pane, "#{pane_dead}") != "0")
        {
            problems.Add($"baton watch (latency) exited: {tmux.Display(pane, "status #{pane_dead_status}")}; last screen:{Environment.NewLine}{tmux.Capture(pane).TrimEnd()}");
        }

        tmux.KillSession("latency");
        result.Final = sessions.Select((s, i) => (s.SessionId, statuses[i])).ToDictionary(p => p.SessionId, p => p.Item2, StringComparer.Ordinal);
        return result;
    }

    private static List<CpuInterval>? MeasureIdle(
        BenchContext context, TmuxServer tmux, int idleSeconds, List<string> problems)
    {
        var pane = tmux.StartSession("idle", Width, Height, context.Baton, "watch");
        if (!WaitForFirstFrame(tmux, pane, problems))
        {
            return null;
        }

        var (pid, _) = WatchPid(tmux, pane);
        var server = int.Parse(tmux.Display(pane, "#{pid}"), CultureInfo.InvariantCulture);
        Thread.Sleep(Settle);
        var clock = Stopwatch.StartNew();
        var watchBefore = ProcStat.Read(pid);
        var serverBefore = ProcStat.Read(server);
        Thread.Sleep(TimeSpan.FromSeconds(idleSeconds));
        var watchAfter = ProcStat.Read(pid);
        var serverAfter = ProcStat.Read(server);
        var seconds = clock.Elapsed.TotalSeconds;
        var screen = tmux.Capture(pane);
        if (tmux.Display(pane, "#{pane_dead}") != "0" || !screen.Contains($"{Sessions} live", StringComparison.Ordinal))
        {
            problems.Add($"baton watch (idle) did not run to the end: {tmux.Display(pane, "dead=#{pane_dead} status=#{pane_dead_status}")}; "
                + $"screen:{Environment.NewLine}{screen.TrimEnd()}");
        }

        tmux.KillSession("idle");
        return
        [
            new CpuInterval("baton watch (idle)", watchBefore, watchAfter, seconds),
            new CpuInterval("tmux server (same interval)", serverBefore, serverAfter, seconds),
        ];
    }

    private static bool WaitForFirstFrame(TmuxServer tmux, string pane, List<string> problems)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed < FirstFrameWait)
        {
            screen = tmux.Capture(pane);
            if (screen.Contains($"baton watch  {Sessions} live", StringComparison.Ordinal))
            {
                return true;
            }

            if (tmux.Display(pane, "#{pane_dead}") != "0")
            {
                break;
            }

            Thread.Sleep(PollInterval);
        }

        problems.Add($"baton watch showed no frame with {Sessions} live sessions within {FirstFrameWait.TotalSeconds:0} s "
            + $"({tmux.Display(pane, "dead=#{pane_dead} status=#{pane_dead_status}")}); screen:{Environment.NewLine}{screen.TrimEnd()}");
        return false;
    }

    /// <summary>The pid of <c>baton watch</c>: the pane's process when tmux ran it directly, else its child named baton.</summary>
    private static (int Pid, string Note) WatchPid(TmuxServer tmux, string pane)
    {
        var panePid = int.Parse(tmux.Display(pane, "#{pane_pid}"), CultureInfo.InvariantCulture);
        if (CommandName(panePid) == "baton")
        {
            return (panePid, "baton itself");
        }

        var children = File.ReadAllText($"/proc/{panePid}/task/{panePid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var child in children.Select(c => int.Parse(c, CultureInfo.InvariantCulture)))
        {
            if (CommandName(child) == "baton")
            {
                return (child, $"baton is pid {child}, a child of the pane's {CommandName(panePid)}");
            }
        }

        throw new InvalidOperationException($"The pane's process {panePid} ({CommandName(panePid)}) is not baton and has no baton child.");
    }

    private static string CommandName(int pid) => File.ReadAllText($"/proc/{pid}/comm").Trim();

    /// <summary>The screen line of a session's row: the one holding both its short id and its name.</summary>
    private static string? RowOf(string screen, Session session)
    {
        var id = SessionRegistry.ShortId(session.SessionId);
        return screen.Split('\n').FirstOrDefault(line => line.Contains(id, StringComparison.Ordinal) && line.Contains(session.Name!, StringComparison.Ordinal));
    }

    /// <summary>Whether a row's STATUS cell holds this status (the wire name as a word, followed by a wait or padding).</summary>
    private static bool Shows(string row, SessionStatus status) => row.Contains(" " + status.ToWire() + " ", StringComparison.Ordinal);

    private static string Label(Session session) => $"{session.Name} ({SessionRegistry.ShortId(session.SessionId)})";

    private static void CheckStore(Sandbox sandbox, List<Session> sessions, Dictionary<string, SessionStatus> expected, List<string> problems)
    {
        using var store = SqliteStore.Open(sandbox.Baton.DatabasePath);
        foreach (var session in sessions)
        {
            var stored = store.GetSession(session.SessionId);
            if (stored?.Status != expected[session.SessionId])
            {
                problems.Add($"{Label(session)}: the store holds {stored?.Status.ToWire() ?? "nothing"}, expected {expected[session.SessionId].ToWire()}");
            }
        }
    }

    private sealed class LatencyResult
    {
        public double FirstFrameMs { get; init; }

        public int Pid { get; set; }

        public string PidNote { get; set; } = "";

        public List<double> Total { get; } = [];

        public List<double> Hook { get; } = [];

        public List<double> Dashboard { get; } = [];

        public List<double> Capture { get; } = [];

        public Dictionary<string, int> Events { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SessionStatus> Final { get; set; } = new(StringComparer.Ordinal);
    }
}
