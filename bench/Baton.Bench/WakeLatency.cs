using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Bench;

/// <summary>
/// Part 2 of <c>messages</c>: from <c>baton send</c> to an idle session's new model request. A real interactive
/// <c>claude</c> (<see cref="ClaudeSession"/>) with Baton's hooks installed by <c>baton hooks install</c> runs against the
/// tests' <see cref="ScriptedModelServer"/> (every turn answered with text, so each ends in a Stop). Per sample: wait until
/// the wake hook armed at the last Stop (<c>baton hook Stop --wake</c>, a child of the session's claude, <see cref="WakeHooks"/>)
/// runs and <c>baton ls --json</c> shows the session <c>waiting_input</c>, give the hook <see cref="ArmDelay"/> to reach its
/// wait, then run <c>baton send NAME BODY</c>; the sample ends when the model server receives a request (with tools, so
/// the session's turn, not a background one) whose body holds BODY. Then, armed once more, the wake hook's CPU and the
/// session's model requests over an idle interval.
/// </summary>
internal static class WakeLatency
{
    private const string Name = "bob";
    private const int Warmups = 2;
    private const int DefaultIdleSeconds = 30;

    /// <summary>What the wake hook logs when it woke its session.</summary>
    private const string WokeLine = "hook Stop --wake: woke ";

    /// <summary>How long after the wake hook appears before the clock starts (it opens the store, then waits on it).</summary>
    private static readonly TimeSpan ArmDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ArmTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the part and prints its setup, tables and checks.</summary>
    /// <param name="context">The suite's context.</param>
    /// <returns>What went wrong; empty when every check passed.</returns>
    public static List<string> Run(BenchContext context)
    {
        var output = context.Output;
        var runs = context.RunsOr(20);
        var idleSeconds = context.IdleSeconds ?? DefaultIdleSeconds;
        output.WriteLine("[2/2] baton send -> an idle session's new model request (real claude in tmux, woken by its wake hook)");
        if (TmuxServer.Version() is not { } tmuxVersion)
        {
            return ["tmux is not installed (part 2 runs claude in tmux)"];
        }

        string claude;
        try
        {
            claude = ClaudeCli.ExecutablePath;
        }
        catch (FileNotFoundException e)
        {
            return [e.Message];
        }

        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        output.WriteLine($"claude:  {claude} ({ChildProcess.Check(sandbox, repo, claude, "--version").Trim()})");
        output.WriteLine($"setup:   `baton hooks install` in the sandbox's HOME; `baton new --detach --name {Name} --task ...` in {tmuxVersion} "
            + "(own TMUX_TMPDIR) against the tests' scripted model server (every turn answered with text); "
            + $"{Warmups} warm-ups + {runs} wake-ups, each {ArmDelay.TotalSeconds:0} s after the new wake hook appeared and `baton ls` showed "
            + $"waiting_input; idle: {idleSeconds} s with the wake hook armed");

        ClaudeCli.PrepareHome(sandbox.UserHome, ClaudeCli.FakeApiKey, repo);
        ChildProcess.Check(sandbox, repo, context.Baton, "hooks", "install");
        var model = ScriptedModelServer.StartAsync().GetAwaiter().GetResult();
        using var tmux = TmuxServer.Create(sandbox, "default");
        var problems = new List<string>();
        try
        {
            using var session = ClaudeSession.Start(context, sandbox, tmux, model.BaseUrl, repo, Name, "BOB-TASK: stand by for messages.");
            var result = new Samples();
            List<CpuInterval>? idle = null;
            try
            {
                var claudePid = (int)session.WaitFor(s => (string?)s["status"] == "waiting_input", StartTimeout, "reach waiting_input after its first turn")["pid"]!;
                Measure(context, sandbox, session, model, claudePid, Warmups + runs, result, problems);
                idle = problems.Count == 0 ? MeasureIdle(session, model, claudePid, result, idleSeconds, problems) : null;
            }
            catch (TimeoutException e)
            {
                problems.Add(e.Message);
            }

            Report(output, result, idle);
            if (problems.Count == 0)
            {
                problems.AddRange(InboxCheck.Delivered(context, sandbox, Name, result.Bodies));
            }

            CheckLog(sandbox, result.Wakes, problems);
            if (problems.Count > 0)
            {
                problems.Add($"{Name}'s pane at the end:{Environment.NewLine}{Pane(tmux, session)}");
            }
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }
        finally
        {
            model.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        output.WriteLine(problems.Count == 0
            ? "checked: every message woke the session, whose new turn's user message carried it alone; each wake hook that woke exited and a new one "
                + "was armed at the next Stop; `baton inbox --json` shows all delivered once; baton.log holds one `woke` line per wake and "
                + "nothing else; in the idle interval the armed wake hook kept running and the session made no model request"
            : "checked: problems below");
        return problems;
    }

    private static void Measure(
        BenchContext context, Sandbox sandbox, ClaudeSession session, ScriptedModelServer model, int claudePid, int samples, Samples result, List<string> problems)
    {
        for (var k = 0; k < samples; k++)
        {
            var wake = Arm(session, claudePid, result.Used);
            var body = MessagesSuite.Body(k);
            result.Bodies.Add(body);
            var start = DateTime.UtcNow;
            var sent = ChildProcess.Run(context.Baton, ["send", Name, body], sandbox, sandbox.Root);
            if (sent.ExitCode != 0)
            {
                problems.Add($"wake {k}: baton send exited {sent.ExitCode}: {sent.Stderr.Trim()}");
                return;
            }

            RecordedRequest request;
            try
            {
                request = model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains(body, StringComparison.Ordinal), WakeTimeout).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                problems.Add($"wake {k}: no model request carried the message within {WakeTimeout.TotalSeconds:0} s of `baton send`; the wake hook "
                    + $"{wake.Pid} is {(ProcessTable.IsRunning(wake) ? "still running" : "gone")}; {Name} is listed as {session.Find()?.ToJsonString() ?? "(not listed)"}");
                return;
            }

            result.Wakes++;
            // The new turn's input is the last user message (Claude Code may append a system reminder after it, every 10th turn here).
            var input = (request.Json?["messages"] as JsonArray ?? []).LastOrDefault(m => (string?)m?["role"] == "user")?.ToJsonString() ?? "";
            if (MessagesSuite.BodiesIn(input) != 1 || !input.Contains(body, StringComparison.Ordinal))
            {
                problems.Add($"wake {k}: the woken turn's last user message holds {MessagesSuite.BodiesIn(input)} messages of the bench, expected only this one: {input}");
            }

            if (WokeAt(sandbox, wake.Pid) is not { } woke)
            {
                problems.Add($"wake {k}: baton.log has no `woke` line of the wake hook {wake.Pid}");
            }
            else if (k >= Warmups)
            {
                var total = (request.TimeUtc - start).TotalMilliseconds;
                var wokeMs = (woke - start).TotalMilliseconds;
                result.Total.Add(total);
                result.Send.Add(sent.Milliseconds);
                result.Baton.Add(wokeMs - sent.Milliseconds);
                result.Claude.Add(total - wokeMs);
            }
        }
    }

    /// <summary>Waits for a wake hook not used yet under claude and for <c>waiting_input</c>, then <see cref="ArmDelay"/>.</summary>
    internal static ProcessIdentity Arm(ClaudeSession session, int claudePid, HashSet<ProcessIdentity> used)
    {
        var clock = Stopwatch.StartNew();
        ProcessIdentity? wake;
        while ((wake = WakeHooks.Of(claudePid).FirstOrDefault(w => !used.Contains(w))) is null)
        {
            if (clock.Elapsed > ArmTimeout)
            {
                throw new TimeoutException($"no new wake hook under claude {claudePid} within {ArmTimeout.TotalSeconds:0} s "
                    + $"(running: {string.Join(", ", WakeHooks.Of(claudePid).Select(w => w.Pid))})");
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(20));
        }

        used.Add(wake);
        session.WaitFor(s => (string?)s["status"] == "waiting_input", ArmTimeout, "show waiting_input");
        Thread.Sleep(ArmDelay);
        return wake;
    }

    private static List<CpuInterval>? MeasureIdle(ClaudeSession session, ScriptedModelServer model, int claudePid, Samples result, int idleSeconds, List<string> problems)
    {
        if (result.Used.FirstOrDefault(ProcessTable.IsRunning) is { } stillRunning)
        {
            problems.Add($"the wake hook {stillRunning.Pid}, which woke the session, still runs");
        }

        var wake = Arm(session, claudePid, result.Used);
        var requests = model.Requests.Count;
        var clock = Stopwatch.StartNew();
        var (wakeBefore, claudeBefore) = (ProcStat.Read(wake.Pid), ProcStat.Read(claudePid));
        Thread.Sleep(TimeSpan.FromSeconds(idleSeconds));
        var (wakeAfter, claudeAfter) = (ProcStat.Read(wake.Pid), ProcStat.Read(claudePid));
        var seconds = clock.Elapsed.TotalSeconds;
        result.IdleRequests = model.Requests.Count - requests;
        if (result.IdleRequests != 0)
        {
            problems.Add($"the idle session made {result.IdleRequests} model requests in {seconds:0.0} s");
        }

        if (!ProcessTable.IsRunning(wake))
        {
            problems.Add($"the armed wake hook {wake.Pid} ended within the idle interval");
        }

        return
        [
            new CpuInterval($"baton hook Stop --wake (pid {wake.Pid})", wakeBefore, wakeAfter, seconds),
            new CpuInterval($"claude (pid {claudePid}, same interval)", claudeBefore, claudeAfter, seconds),
        ];
    }

    private static void Report(TextWriter output, Samples result, List<CpuInterval>? idle)
    {
        var table = Table.ForTimings("send -> woken request");
        table.AddTimings("total: send start -> request received", result.Total);
        table.AddTimings("baton send process (start -> exit)", result.Send);
        table.AddTimings("send exit -> wake hook logged the wake", result.Baton);
        table.AddTimings("wake logged -> request (hook exit, claude)", result.Claude);
        table.Write(output);
        output.WriteLine("         totals in order (ms): " + string.Join(' ', result.Total.Select(t => t.ToString("0", CultureInfo.InvariantCulture))));
        if (idle is not null)
        {
            CpuInterval.Write(output, "idle, wake hook armed", idle);
            output.WriteLine($"         model requests during the idle interval: {result.IdleRequests.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>When a wake hook logged its wake: <c>2026-11-21T05:27:49.123Z [PID] hook Stop --wake: woke ...</c>
    /// (<see cref="Baton.Core.Home.BatonLog"/>; written after the message went to stderr and was confirmed delivered).</summary>
    private static DateTime? WokeAt(Sandbox sandbox, int pid) =>
        sandbox.BatonLogLines().LastOrDefault(line => line.Contains($"[{pid}] {WokeLine}", StringComparison.Ordinal)) is { } line
        && DateTime.TryParse(line.Split(' ')[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    /// <summary>The wake hook logs each wake to baton.log; anything else there is a failure.</summary>
    private static void CheckLog(Sandbox sandbox, int wakes, List<string> problems)
    {
        var lines = sandbox.BatonLogLines();
        var woke = lines.Count(line => line.Contains(WokeLine, StringComparison.Ordinal));
        problems.AddRange(lines.Where(line => !line.Contains(WokeLine, StringComparison.Ordinal)).Select(line => "baton.log: " + line));
        if (woke != wakes)
        {
            problems.Add($"baton.log holds {woke} `woke` lines for {wakes} wakes");
        }
    }

    private static string Pane(TmuxServer tmux, ClaudeSession session)
    {
        try
        {
            return session.Find()?["tmux_pane"] is { } pane ? tmux.Capture((string)pane!).TrimEnd() : "(no pane listed)";
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return $"(could not capture: {e.Message})";
        }
    }

    private sealed class Samples
    {
        public List<double> Total { get; } = [];

        public List<double> Send { get; } = [];

        /// <summary>From the send's exit to the wake hook's <c>woke</c> log line (written once it handed the message over).</summary>
        public List<double> Baton { get; } = [];

        /// <summary>From that line to the request: the hook's exit, Claude Code starting the turn.</summary>
        public List<double> Claude { get; } = [];

        public List<string> Bodies { get; } = [];

        /// <summary>The wake hooks already armed for a sample (each wakes once and exits).</summary>
        public HashSet<ProcessIdentity> Used { get; } = [];

        /// <summary>The messages that woke the session (a request carried them).</summary>
        public int Wakes { get; set; }

        public int IdleRequests { get; set; }
    }
}
