using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Bench;

/// <summary>
/// <c>hotpath</c> (issue 9): what Baton costs Claude Code, side by side with its floor in one run. (1) One hook the agent
/// waits for: <c>baton-relay</c> answered by the resident server, and <c>baton hook</c> in a process of its own, against
/// <c>sh -c 'cat &gt; FILE'</c>; (2) CPU per busy session-hour (a tool call every 5 s: 720 PreToolUse and 720 PostToolUse
/// calls), as HTTP hooks and relayed, the server's CPU and its git probes included; (3) resident memory per live session (an armed wake hook), through the server and
/// in a process of its own, and one <c>baton mcp</c>; (4) a real <c>claude -p</c> run whose scripted model makes five Bash
/// calls: with no hooks, with the hooks <c>baton hooks install</c> writes (HTTP hooks and relayed commands), with only
/// their HTTP hooks and with only their command hooks (to show which part costs what), with hooks that start
/// <c>baton hook</c> (no relay), and with every registration a shell one-liner (the floor), interleaved; then no hooks and
/// Baton's hooks again with a model that takes a second to answer, as a person's session sees it.
/// </summary>
internal static class HotPathSuite
{
    private const int Warmups = 3;
    private const int HookCallsPerBusyHour = 2 * 720;
    private const int Sessions = 10;

    /// <summary>Unmeasured claude runs of each variant a server answers, before section 5's rounds: a user's server is warm
    /// (a fresh one spends its first runs' CPU compiling its hot code: about 200 ms a run over runs 1–5, 100 ms over 6–10,
    /// 80 ms from 20 on, measured with /proc/PID/stat).</summary>
    private const int ServerWarmupRuns = 15;

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("hooks through baton-relay and the resident server vs baton hook vs the shell floor; CPU, memory; claude -p with and without hooks");
        var relay = RelayPath(context);
        output.WriteLine($"relay:   {relay} ({(File.Exists(Path.Combine(Path.GetDirectoryName(relay)!, "baton-relay.dll")) ? "JIT build: publish it as Native AOT (./test.sh does, into .tools/relay) for figures worth quoting" : "Native AOT")})");
        var problems = new List<string>();
        using (var sandbox = Sandbox.Create())
        {
            var server = StartServer(context, sandbox);
            try
            {
                var repo = GitFixture.Create(sandbox);
                HookRows(context, sandbox, repo, relay, server, problems);
                Cpu(context, sandbox, repo, relay, server);
                Memory(context, sandbox, repo, relay, server, problems);
                McpStartup(context, sandbox, relay, problems);
            }
            finally
            {
                server.Kill();
                server.WaitForExit();
            }

            problems.AddRange(sandbox.BatonLogLines().Where(l => !l.Contains(" serve: ", StringComparison.Ordinal)).Select(l => "baton.log: " + l));
        }

        ClaudeRuns(context, relay, problems);
        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    internal static string RelayPath(BenchContext context)
    {
        var configured = Environment.GetEnvironmentVariable("BATON_RELAY");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        var published = Path.Combine(RepositoryRoot(), ".tools", "relay", "baton-relay");
        return File.Exists(published) ? published : Path.Combine(Path.GetDirectoryName(context.Baton)!, "baton-relay");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Baton.slnx")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    /// <summary>Starts <c>baton serve</c> (with <paramref name="more"/> arguments) for the sandbox and waits until it answers.</summary>
    internal static Process StartServer(BenchContext context, Sandbox sandbox, params string[] more)
    {
        var start = new ProcessStartInfo(context.Baton) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        foreach (var argument in more)
        {
            start.ArgumentList.Add(argument);
        }

        sandbox.ApplyTo(start.Environment);
        var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (ChildProcess.Run(context.Baton, ["serve", "status"], sandbox, sandbox.Root).ExitCode != 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30) || server.HasExited)
            {
                throw new InvalidOperationException("baton serve did not answer within 30 s");
            }

            Thread.Sleep(50);
        }

        return server;
    }

    private static void HookRows(BenchContext context, Sandbox sandbox, string repo, string relay, Process server, List<string> problems)
    {
        var output = context.Output;
        var payload = Payloads.PostToolUseBash(Guid.NewGuid().ToString(), repo, sandbox.UserHome);
        var floorFile = Path.Combine(sandbox.Root, "floor.json");
        var relayed = new Variant("baton-relay PostToolUse (server answers)", relay, ["--baton", context.Baton, "hook", "PostToolUse"], payload);
        var started = new Variant("baton-relay, BATON_DISABLE=1 (its start alone)", relay, ["--baton", context.Baton, "hook", "PostToolUse"], payload,
            new Dictionary<string, string> { ["BATON_DISABLE"] = "1" });
        var direct = new Variant("baton hook PostToolUse (own process)", context.Baton, ["hook", "PostToolUse"], payload);
        var floor = new Variant("sh -c 'cat > FILE' (floor)", "sh", ["-c", $"cat > '{floorFile}'"], payload);
        var runs = context.RunsOr(40);
        output.WriteLine();
        output.WriteLine($"1. one hook the agent waits for: payload {payload.Length:N0} bytes, cwd a dirty git repository, {Warmups} warm-ups + {runs} runs per row, interleaved");
        Variant.RunRounds([relayed, started, direct, floor], sandbox, repo, Warmups, runs, (variant, result) =>
        {
            if (variant != floor && (result.Stdout.Length > 0 || result.Stderr.Length > 0))
            {
                problems.Add($"'{variant.Label}' printed output: {result.Stdout}{result.Stderr}");
            }
        });

        var table = new Table("command", "runs", "median ms", "p95 ms", "min ms", "max ms");
        table.AddTimings(relayed.Label, relayed.Samples);
        table.AddTimings(started.Label, started.Samples);
        table.AddTimings(direct.Label, direct.Samples);
        table.AddTimings(floor.Label, floor.Samples);
        table.AddRatios("ratio relay / floor", relayed.Samples, floor.Samples);
        table.AddRatios("ratio baton hook / floor", direct.Samples, floor.Samples);
        table.Write(output);
        var status = Status(context, sandbox);
        output.WriteLine($"server:  pid {server.Id}, {status?["hooks"]} hook calls answered, {status?["hook_ms_mean"]} ms mean from request read to answer (longest {status?["hook_ms_max"]} ms)");
        if (status?["hooks"]?.GetValue<long>() != Warmups + runs)
        {
            problems.Add($"the server answered {status?["hooks"]} hook calls, not the {Warmups + runs} relayed");
        }
    }

    private static void Cpu(BenchContext context, Sandbox sandbox, string repo, string relay, Process server)
    {
        var output = context.Output;
        var sessionId = Guid.NewGuid().ToString();
        var pre = Payloads.StatusEvent("UserPromptSubmit", sessionId, repo, sandbox.UserHome);
        var post = Payloads.PostToolUseRead(sessionId, repo, sandbox.UserHome);
        var calls = context.RunsOr(40) * 3;
        output.WriteLine();
        output.WriteLine($"2. CPU per busy session-hour: {calls} calls alternating two synchronous events, scaled to {HookCallsPerBusyHour} calls an hour (a tool call every 5 s)");
        var table = new Table("path", "calls", "CPU ms per call", "CPU s per session-hour", "share of one core");
        using var http = new HttpHookClient(sandbox);
        var relayPrefix = new[] { "--baton", context.Baton, "hook" };
        // Each path: how one call is made, how many, and whether the server's CPU counts (it does the work of the relay's
        // calls and of the HTTP hooks; a baton hook process does its own). The paced paths start each pair at least
        // ProbePacing after the last, so the server reads git for each UserPromptSubmit as it would in a session.
        foreach (var (label, call, count, serverWorks) in new (string, Action<string, byte[]>, int, bool)[]
        {
            ("HTTP hooks + server (as installed)", (e, p) => CheckAnswered(http.Post(e, p), e), calls, true),
            ("baton-relay + server", (e, p) => ChildProcess.Run(relay, [.. relayPrefix, e], sandbox, repo, p), calls, true),
            ("baton hook (own process)", (e, p) => ChildProcess.Run(context.Baton, ["hook", e], sandbox, repo, p), Math.Max(20, calls / 5), false),
        })
        {
            var serverBefore = ProcStat.Read(server.Id);
            var childrenBefore = ChildrenCpuSeconds();
            var pair = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var (eventName, payload) = i % 2 == 0 ? ("UserPromptSubmit", pre) : ("PostToolUse", post);
                if (i % 2 == 0 && serverWorks && ProbePacing - pair.Elapsed is { Ticks: > 0 } rest)
                {
                    Thread.Sleep(rest); // sleeping costs no CPU; it keeps the server from coalescing this pair's git probe
                }

                pair.Restart();
                call(eventName, payload);
            }

            var serverAfter = ProcStat.Read(server.Id);
            var cpu = ChildrenCpuSeconds() - childrenBefore
                + (serverWorks ? serverAfter.WithChildrenSeconds - serverBefore.WithChildrenSeconds : 0);
            var perCall = cpu / count;
            table.Add(label, count.ToString(CultureInfo.InvariantCulture), (perCall * 1000).ToString("0.00", CultureInfo.InvariantCulture),
                (perCall * HookCallsPerBusyHour).ToString("0.0", CultureInfo.InvariantCulture),
                (perCall * HookCallsPerBusyHour / 3600).ToString("0.00%", CultureInfo.InvariantCulture));
        }

        table.Write(output);

        static void CheckAnswered(int status, string eventName)
        {
            if (status != 200)
            {
                throw new InvalidOperationException($"the server answered the HTTP hook {eventName} with {status}");
            }
        }
    }

    private static void Memory(BenchContext context, Sandbox sandbox, string repo, string relay, Process server, List<string> problems)
    {
        var output = context.Output;
        output.WriteLine();
        output.WriteLine($"3. resident memory per live session: {Sessions} idle sessions, each with its armed wake hook (VmRSS)");
        var serverBefore = RssMb(server.Id);
        var relays = new List<Process>();
        var direct = new List<Process>();
        try
        {
            // Each wake hook has an idle session of its own (one armed wake hook per session, as in a real one).
            byte[] IdleSession()
            {
                var sessionId = Guid.NewGuid().ToString();
                ChildProcess.Run(relay, ["--baton", context.Baton, "hook", "SessionStart"], sandbox, repo, Payloads.StatusEvent("SessionStart", sessionId, repo, sandbox.UserHome));
                var stop = Payloads.StatusEvent("Stop", sessionId, repo, sandbox.UserHome);
                ChildProcess.Run(relay, ["--baton", context.Baton, "hook", "Stop"], sandbox, repo, stop);
                return stop;
            }

            for (var i = 0; i < Sessions; i++)
            {
                relays.Add(StartWaiting(relay, ["--baton", context.Baton, "hook", "Stop", "--wake"], sandbox, repo, IdleSession()));
                if (i < 3)
                {
                    direct.Add(StartWaiting(context.Baton, ["hook", "Stop", "--wake"], sandbox, repo, IdleSession()));
                }
            }

            var clock = Stopwatch.StartNew();
            while (Status(context, sandbox)?["waiting_wakes"]?.GetValue<int>() != Sessions && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(100);
            }

            Thread.Sleep(2000);
            var waiting = Status(context, sandbox)?["waiting_wakes"]?.GetValue<int>();
            if (waiting != Sessions)
            {
                problems.Add($"the server held {waiting} wake calls, not {Sessions}");
            }

            var relayMb = relays.Average(p => RssMb(p.Id));
            var serverGrowth = RssMb(server.Id) - serverBefore;
            var directMb = direct.Average(p => RssMb(p.Id));
            var mcpMb = McpRssMb(context, sandbox, repo);
            var table = new Table("what", "MB");
            table.Add("armed wake hook: baton-relay process (each)", Mb(relayMb));
            table.Add($"server growth with {Sessions} waiting wakes, per session", Mb(serverGrowth / Sessions));
            table.Add("per live session through the server (relay + server share)", Mb(relayMb + (serverGrowth / Sessions)));
            table.Add("armed wake hook: baton hook --wake process (each, no server)", Mb(directMb));
            table.Add("baton mcp (stdio, one per session; not yet served by the server)", Mb(mcpMb));
            table.Add($"server total now (shared by all sessions; before: {Mb(serverBefore)})", Mb(RssMb(server.Id)));
            table.Write(output);
        }
        finally
        {
            foreach (var process in relays.Concat(direct))
            {
                process.Kill();
                process.WaitForExit();
                process.Dispose();
            }
        }
    }

    /// <summary>From starting the MCP server command to the end of the <c>initialize</c> handshake, as a new session waits
    /// for it before its first model request; and the memory of a connected relay.</summary>
    private static void McpStartup(BenchContext context, Sandbox sandbox, string relay, List<string> problems)
    {
        var output = context.Output;
        var runs = Math.Max(5, context.RunsOr(40) / 4);
        output.WriteLine();
        output.WriteLine($"4. MCP server start to the end of initialize (then tools/list), {runs} runs per row, interleaved");
        var routes = new (string Label, string Command, string[] Arguments)[]
        {
            ("baton-relay mcp (server answers)", relay, ["--baton", context.Baton, "mcp"]),
            ("baton mcp (own process)", context.Baton, ["mcp"]),
        };
        var samples = routes.Select(_ => new List<double>()).ToArray();
        double relayRss = double.NaN;
        for (var run = 0; run < runs + 1; run++)
        {
            for (var r = 0; r < routes.Length; r++)
            {
                var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["HOME"] = sandbox.UserHome,
                    ["BATON_HOME"] = sandbox.Baton.Root,
                    ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
                    ["CLAUDE_CODE_SESSION_ID"] = $"b47c0000-0000-4000-8000-{run:000000000000}",
                    ["BATON_SERVE_AUTOSTART"] = "0",
                };
                var clock = Stopwatch.StartNew();
                var transport = new ModelContextProtocol.Client.StdioClientTransport(new ModelContextProtocol.Client.StdioClientTransportOptions
                {
                    Name = "baton",
                    Command = routes[r].Command,
                    Arguments = routes[r].Arguments,
                    WorkingDirectory = sandbox.Root,
                    InheritEnvironmentVariables = false,
                    EnvironmentVariables = environment,
                });
                var client = ModelContextProtocol.Client.McpClient.CreateAsync(transport).GetAwaiter().GetResult();
                try
                {
                    var initialized = clock.Elapsed.TotalMilliseconds;
                    var tools = client.ListToolsAsync().AsTask().GetAwaiter().GetResult();
                    if (tools.Count < 30)
                    {
                        problems.Add($"{routes[r].Label} listed {tools.Count} tools");
                    }

                    if (run > 0)
                    {
                        samples[r].Add(initialized);
                    }

                    if (r == 0 && run == runs)
                    {
                        relayRss = ChildNamed("baton-relay") is { } pid ? RssMb(pid) : double.NaN;
                    }
                }
                finally
                {
                    client.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }

        var table = new Table("route", "runs", "median ms", "p95 ms", "min ms", "max ms");
        for (var r = 0; r < routes.Length; r++)
        {
            table.AddTimings(routes[r].Label, samples[r]);
        }

        table.Write(output);
        output.WriteLine($"memory:  a connected baton-relay mcp process: {Mb(relayRss)} MB VmRSS; the server serves {Status(context, sandbox)?["mcp_sessions"]} MCP sessions after the runs (0 expected)");
    }

    /// <summary>A running child of the bench with the given command name (<c>/proc/PID/comm</c>).</summary>
    private static int? ChildNamed(string name)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid)
                && Baton.Platform.Processes.ProcessTable.ParentOf(pid) == Environment.ProcessId
                && Baton.Platform.Processes.ProcessTable.CommandName(pid) == name)
            {
                return pid;
            }
        }

        return null;
    }

    private static double McpRssMb(BenchContext context, Sandbox sandbox, string repo)
    {
        using var mcp = StartWaiting(context.Baton, ["mcp"], sandbox, repo, null);
        Thread.Sleep(3000);
        var rss = RssMb(mcp.Id);
        mcp.Kill();
        mcp.WaitForExit();
        return rss;
    }

    private static void ClaudeRuns(BenchContext context, string relay, List<string> problems)
    {
        var output = context.Output;
        string claude;
        try
        {
            claude = ClaudeCli.ExecutablePath;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            output.WriteLine($"5. skipped: {e.Message}");
            return;
        }

        var rounds = Math.Max(5, context.RunsOr(40) / 8);
        string version;
        using (var scratch = Sandbox.Create())
        {
            version = ChildProcess.Run(claude, ["--version"], scratch, scratch.Root).Stdout.Trim();
        }

        var steps = Enumerable.Range(1, 5).Select(i => ModelStep.ToolUse("Bash", new { command = $"echo step {i}" })).Append(ModelStep.Text(ScriptedModelServer.DoneText)).ToList();
        var model = ScriptedModelServer.StartAsync(steps).GetAwaiter().GetResult();
        var variants = new (string Label, Sandbox Sandbox, string? Relay)[]
        {
            ("no hooks", Sandbox.Create(), null),
            ("Baton's hooks (HTTP + baton-relay, server)", Sandbox.Create(), relay),
            ("  their HTTP hooks alone", Sandbox.Create(), relay),
            ("  their command hooks alone (baton-relay)", Sandbox.Create(), relay),
            ("every hook a command: baton hook, no relay", Sandbox.Create(), "/nonexistent/baton-relay"),
            ("every hook a command: sh -c 'cat > /dev/null' (floor)", Sandbox.Create(), ShellFloor),
        };
        output.WriteLine();
        output.WriteLine($"5. claude -p, five Bash tool calls (scripted model on loopback), {rounds} rounds of {variants.Length} interleaved runs (one warm-up round); claude {version}");
        var samples = variants.Select(_ => new List<double>()).ToArray();
        var repos = new string[variants.Length];
        Process? relayServer = null;
        var partServers = new List<Process>();
        try
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var (_, sandbox, hookRelay) = variants[v];
                var repo = repos[v] = GitFixture.Create(sandbox);
                ClaudeCli.PrepareHome(sandbox.UserHome, ClaudeCli.FakeApiKey, repo);
                if (hookRelay is not null)
                {
                    // The first hooked variant is what `baton hooks install` writes (HTTP hooks for the events of every tool call
                    // and turn, relayed commands for the rest); the others are every hook a command, as before HTTP hooks.
                    // claude is on PATH, as a user's is: install asks it which wake route it supports (its messaging socket or
                    // wake hooks), and each hooked variant has the same hooks.
                    string[] install = hookRelay == relay ? ["hooks", "install"] : ["hooks", "install", "--commands-only"];
                    var installed = ChildProcess.Run(context.Baton, install, sandbox, sandbox.Root, extra: new Dictionary<string, string>
                    {
                        ["BATON_RELAY"] = hookRelay,
                        ["PATH"] = ClaudeCli.SearchPath,
                    });
                    if (installed.ExitCode != 0)
                    {
                        problems.Add($"baton hooks install exited {installed.ExitCode}: {installed.Stderr}");
                        return;
                    }

                    if (v == 1)
                    {
                        output.WriteLine("hooks:   " + installed.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Idle sessions", StringComparison.Ordinal)));
                    }

                    var settings = Path.Combine(sandbox.UserHome, ".claude", "settings.json");
                    if (hookRelay == ShellFloor)
                    {
                        ReplaceWithShellFloor(settings);
                    }
                    else if (v is 2 or 3)
                    {
                        KeepOnly(settings, http: v == 2);
                    }
                }
            }

            // The relayed hooks' servers run before the first run, as install.sh leaves them (the hooks of these runs start
            // none: ClaudeCli.Environment turns that off).
            relayServer = StartServer(context, variants[1].Sandbox);
            partServers.AddRange(variants[2..4].Select(v => StartServer(context, v.Sandbox)));

            // One claude -p run of variant v; its wall time in ms, or null (and a problem) when it failed.
            double? Run(int v)
            {
                var sandbox = variants[v].Sandbox;
                var environment = new Dictionary<string, string>(ClaudeCli.Environment(model.BaseUrl, sandbox.UserHome), StringComparer.Ordinal);
                var run = ChildProcess.Run(claude, ["-p", "Run the five steps.", "--output-format", "json", "--allowedTools", "Bash"], sandbox, repos[v], extra: environment);
                if (run.ExitCode != 0 || !run.Stdout.Contains(ScriptedModelServer.DoneText, StringComparison.Ordinal))
                {
                    problems.Add($"claude -p ({variants[v].Label}) exited {run.ExitCode}: {run.Stdout} {run.Stderr}");
                    return null;
                }

                return run.Milliseconds;
            }

            // Interleaved rounds of the first `count` variants (one warm-up round, then `measuring` is called); false when a
            // run failed.
            bool Rounds(int count, List<double>[] into, Action? measuring = null)
            {
                for (var round = 0; round < rounds + 1; round++)
                {
                    if (round == 1)
                    {
                        measuring?.Invoke();
                    }

                    for (var v = 0; v < count; v++)
                    {
                        if (Run(v) is not { } ms)
                        {
                            return false;
                        }

                        if (round > 0)
                        {
                            into[v].Add(ms);
                        }
                    }
                }

                return true;
            }

            // A user's server has long been warm: its hot code recompiled at tier 1 (a fresh one spends its first runs'
            // CPU on the JIT). So each server serves some runs before the rounds.
            for (var warmup = 0; warmup < ServerWarmupRuns; warmup++)
            {
                for (var v = 1; v <= 3; v++)
                {
                    if (Run(v) is null)
                    {
                        return;
                    }
                }
            }

            ProcStat? serverBefore = null;
            if (!Rounds(variants.Length, samples, () => serverBefore = ProcStat.Read(relayServer.Id)))
            {
                return;
            }

            var serverCpuMs = (ProcStat.Read(relayServer.Id).WithChildrenSeconds - serverBefore!.WithChildrenSeconds) * 1000 / rounds;

            WriteRatios(output, "claude -p, 5 Bash calls", variants.Select(v => v.Label).ToArray(), samples);
            CheckRecorded(context, variants[1].Sandbox, ServerWarmupRuns + rounds + 1, problems);
            var status = Status(context, variants[1].Sandbox);
            var served = status?["hooks"]?.GetValue<long>();
            output.WriteLine($"server:  answered {served} hook calls of the {ServerWarmupRuns + rounds + 1} runs with Baton's hooks ({ServerWarmupRuns} before the rounds), {status?["http_hooks"]?.GetValue<long>()} of them HTTP hooks; its CPU over the measured runs, with its git probes: {serverCpuMs:0} ms per run");
            if (served is null or 0)
            {
                problems.Add("the server answered none of the relayed runs' hooks");
            }

            // The same runs with a model that thinks a second before each answer (a real one takes longer still): what the
            // hooks cost a person's session, as a share of its time.
            model.AnswerDelay = TimeSpan.FromSeconds(1);
            var thinking = new[] { new List<double>(), new List<double>() };
            output.WriteLine();
            output.WriteLine($"5b. the same, the model taking {model.AnswerDelay.TotalSeconds:0} s to answer each request, {rounds} rounds of 2 interleaved runs (one warm-up round)");
            if (Rounds(2, thinking))
            {
                WriteRatios(output, "claude -p, 5 Bash calls, 1 s model", [variants[0].Label, variants[1].Label], thinking);
            }
        }
        finally
        {
            foreach (var server in partServers.Prepend(relayServer).OfType<Process>())
            {
                server.Kill();
                server.WaitForExit();
            }

            foreach (var (_, sandbox, _) in variants)
            {
                sandbox.Dispose();
            }

            model.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void WriteRatios(TextWriter output, string title, string[] labels, List<double>[] samples)
    {
        var table = new Table(title, "runs", "median ms", "p95 ms", "min ms", "max ms", "median / no hooks");
        var floor = Summary.Of(samples[0]).Median;
        for (var v = 0; v < labels.Length; v++)
        {
            table.AddTimings(labels[v], samples[v], BenchContext.Ratio(Summary.Of(samples[v]).Median, floor));
        }

        table.Write(output);
    }

    /// <summary>The marker of the claude variant whose hooks are Baton's registrations with a shell one-liner as each command.</summary>
    private const string ShellFloor = "/nonexistent/shell-floor";

    /// <summary>Keeps every registration <c>baton hooks install</c> wrote (events, matchers, sync/async, timeouts) but makes
    /// each run <c>sh -c 'cat &gt; /dev/null'</c>: the least any command hook can cost claude.</summary>
    private static void ReplaceWithShellFloor(string settingsPath)
    {
        var settings = JsonNode.Parse(File.ReadAllText(settingsPath))!;
        foreach (var (_, groups) in settings["hooks"]!.AsObject())
        {
            foreach (var hook in groups!.AsArray().SelectMany(g => g!["hooks"]!.AsArray()))
            {
                hook!["command"] = "/bin/sh";
                hook["args"] = new JsonArray("-c", "cat > /dev/null");
            }
        }

        File.WriteAllText(settingsPath, settings.ToJsonString());
    }

    /// <summary>Keeps only the HTTP hooks <c>baton hooks install</c> wrote (<paramref name="http"/>), or only its command
    /// hooks, dropping the groups and events left empty.</summary>
    private static void KeepOnly(string settingsPath, bool http)
    {
        var settings = JsonNode.Parse(File.ReadAllText(settingsPath))!;
        var hooks = settings["hooks"]!.AsObject();
        foreach (var (eventName, groups) in hooks.ToList())
        {
            foreach (var group in groups!.AsArray().ToList())
            {
                var list = group!["hooks"]!.AsArray();
                foreach (var hook in list.Where(h => ((string?)h!["type"] == "http") != http).ToList())
                {
                    list.Remove(hook);
                }

                if (list.Count == 0)
                {
                    groups.AsArray().Remove(group);
                }
            }

            if (groups.AsArray().Count == 0)
            {
                hooks.Remove(eventName);
            }
        }

        File.WriteAllText(settingsPath, settings.ToJsonString());
    }

    /// <summary>Every run of the relayed variant left a session ended by its own SessionEnd hook (not by the server's
    /// fallback for a SessionEnd that never came), waited for up to <see cref="SessionEndWait"/>: claude does not wait for a
    /// background SessionEnd.</summary>
    private static void CheckRecorded(BenchContext context, Sandbox sandbox, int runs, List<string> problems)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var sessions = JsonNode.Parse(ChildProcess.Check(sandbox, sandbox.Root, context.Baton, "ls", "--all", "--json"))!.AsArray();
            if (sessions.Count == runs && sessions.All(s => (string?)s!["last_event"] == "SessionEnd"))
            {
                return;
            }

            if (waited.Elapsed > SessionEndWait)
            {
                problems.Add($"the relayed claude runs left {sessions.Count} sessions (expected {runs}, each ended by its SessionEnd): {sessions.ToJsonString()}");
                return;
            }

            Thread.Sleep(200);
        }
    }

    /// <summary>How long <see cref="CheckRecorded"/> waits for the last runs' SessionEnd hooks.</summary>
    private static readonly TimeSpan SessionEndWait = TimeSpan.FromSeconds(30);

    private static Process StartWaiting(string program, string[] arguments, Sandbox sandbox, string workingDirectory, byte[]? stdin)
    {
        var start = ChildProcess.Piped(program, arguments, sandbox, workingDirectory);
        var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }

        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The least time between two UserPromptSubmit calls of the CPU section: longer than the server's git probe
    /// interval (<c>GitProbeQueue.Interval</c>, 1 s), so each is probed, as in a session whose calls are 5 s apart.</summary>
    private static readonly TimeSpan ProbePacing = TimeSpan.FromSeconds(1.1);

    private static JsonNode? Status(BenchContext context, Sandbox sandbox)
    {
        var status = ChildProcess.Run(context.Baton, ["serve", "status", "--json"], sandbox, sandbox.Root);
        return status.ExitCode == 0 ? JsonNode.Parse(status.Stdout) : null;
    }

    /// <summary>CPU of this process's waited-for children (<c>cutime + cstime</c> of <c>/proc/self/stat</c>), in seconds.</summary>
    private static double ChildrenCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * ProcStat.TickSeconds;
    }

    /// <summary>A running process's resident memory (VmRSS), in MB; NaN when /proc does not say.</summary>
    internal static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    internal static string Mb(double mb) => mb.ToString("0.0", CultureInfo.InvariantCulture);

}
