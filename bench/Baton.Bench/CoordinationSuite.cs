using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Storage.Sqlite;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>
/// <c>coordination</c>: the coordination API three ways. (1) In process: <see cref="Coordinator"/> over
/// <see cref="SqliteStore"/> on one thread, <c>StoreData</c> / <c>RetrieveData</c> / <c>ClaimNext</c>. (2) Through the real
/// <c>baton mcp</c> over stdio with the SDK's client: <c>tools/call</c> round trips of the same three tools
/// (<see cref="CoordinationMcp"/>). (3) Races of 8 OS processes (the race tests' racer program) on one store file:
/// claiming a 4,000-item queue, and compare-and-set increments of one key for a fixed time.
/// </summary>
internal static class CoordinationSuite
{
    /// <summary>The scope the state rows write to and read from.</summary>
    public const string Scope = "bench:state";

    /// <summary>The queue the claim rows claim from.</summary>
    public const string WorkQueue = "bench:work";

    /// <summary>How many keys the state rows rotate over.</summary>
    public const int Keys = 100;

    /// <summary>The lease of every claim.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private const int Warmups = 200;
    private const string Actor = "bench";
    private const int Racers = 8;
    private const int RaceItems = 4000;
    private const int CasSeconds = 10;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(120);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("the coordination API: in process over SQLite, tools/call through `baton mcp` on stdio, and 8-process races");
        var racer = RacerProcess.Locate();
        output.WriteLine($"racer:   {(racer is { } r ? string.Join(' ', [r.FileName, .. r.Leading]) : "not found beside the bench")}");
        using var sandbox = Sandbox.Create();
        var problems = new List<string>();

        output.WriteLine();
        InProcess(context, sandbox, problems);

        output.WriteLine();
        problems.AddRange(CoordinationMcp.Run(context, sandbox));

        output.WriteLine();
        if (racer is { } program)
        {
            Race(context, sandbox, program, problems);
        }
        else
        {
            problems.Add("the racer program (tests/Baton.Storage.Sqlite.Racer) is not beside the bench; rebuild bench/Baton.Bench");
        }

        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    /// <summary>A JSON object of exactly 1,024 bytes (UTF-8), different for each key.</summary>
    /// <param name="key">The key's number.</param>
    /// <returns>The JSON text.</returns>
    public static string Value(int key)
    {
        var head = "{\"key\":" + key.ToString(CultureInfo.InvariantCulture)
            + ",\"owner\":\"bench\",\"plan\":[\"read the failing test\",\"fix the parser\",\"run the suite\"],"
            + "\"files\":[\"src/Baton.Core/Coordination/Coordinator.cs\",\"src/Baton.Storage.Sqlite/SqliteStore.State.cs\"],\"notes\":\"";
        const string Tail = "\"}";
        const string Filler = "the quick brown fox jumps over the lazy dog; ";
        var notes = new StringBuilder();
        while (notes.Length < 1024 - head.Length - Tail.Length)
        {
            notes.Append(Filler);
        }

        return head + notes.ToString(0, 1024 - head.Length - Tail.Length) + Tail;
    }

    /// <summary>The name of key number <paramref name="i"/>.</summary>
    public static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"k{i % Keys:000}");

    /// <summary>Adds a row of per-operation timings (microseconds) to a table.</summary>
    public static void AddRow(Table table, string label, List<double> micros, Func<double, string> format)
    {
        var s = Summary.Of(micros);
        table.Add(label, s.Count.ToString("N0", CultureInfo.InvariantCulture),
            (s.Count / (s.Total / 1_000_000)).ToString("N0", CultureInfo.InvariantCulture),
            format(s.Median), format(s.P99), format(s.Max));
    }

    /// <summary>Microseconds since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMicroseconds;

    /// <summary>Whether two JSON texts hold the same value.</summary>
    public static bool SameJson(string? a, string b) => a is not null && JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    private static string Us(double micros) => micros.ToString("0.0", CultureInfo.InvariantCulture);

    private static void InProcess(BenchContext context, Sandbox sandbox, List<string> problems)
    {
        var output = context.Output;
        var runs = context.RunsOr(2000);
        var total = Warmups + runs;
        var folder = Path.Combine(sandbox.Root, "in-process");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "baton.db");
        var values = Enumerable.Range(0, Keys).Select(Value).ToArray();
        output.WriteLine("[1/3] in process: Coordinator over SqliteStore, one thread");
        output.WriteLine($"setup:   a fresh store (WAL, synchronous=NORMAL); StoreData writes {values[0].Length:N0}-byte JSON values unconditionally, "
            + $"rotating over {Keys} keys of one scope; RetrieveData reads the same keys; ClaimNext (lease {Lease.TotalMinutes:0} min) from a queue "
            + $"pre-filled with {total:N0} items; {Warmups} warm-ups + {runs:N0} timed ops per row");

        using var store = SqliteStore.Open(path);
        var coordinator = new Coordinator(store, TimeProvider.System);

        var writes = new List<double>(runs);
        for (var i = 0; i < total; i++)
        {
            var start = Stopwatch.GetTimestamp();
            coordinator.StoreData(Scope, Key(i), values[i % Keys], null, Actor);
            if (i >= Warmups)
            {
                writes.Add(Since(start));
            }
        }

        var reads = new List<double>(runs);
        var misread = 0;
        for (var i = 0; i < total; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var entry = coordinator.RetrieveData(Scope, Key(i));
            if (i >= Warmups)
            {
                reads.Add(Since(start));
            }

            misread += SameJson(entry?.ValueJson, values[i % Keys]) ? 0 : 1;
        }

        for (var i = 0; i < total; i++)
        {
            coordinator.Enqueue(WorkQueue, string.Create(CultureInfo.InvariantCulture, $"{{\"task\":{i},\"file\":\"src/file{i}.cs\"}}"), Actor);
        }

        var claims = new List<double>(runs);
        var claimed = new HashSet<long>();
        for (var i = 0; i < total; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var item = coordinator.ClaimNext(WorkQueue, Actor, Lease);
            if (i >= Warmups)
            {
                claims.Add(Since(start));
            }

            if (item is not null)
            {
                claimed.Add(item.Id);
            }
        }

        var table = new Table("operation", "ops", "ops/s", "p50 µs", "p99 µs", "max µs");
        AddRow(table, "StoreData (1 KiB value, 100 keys)", writes, Us);
        AddRow(table, "RetrieveData (same keys)", reads, Us);
        AddRow(table, "ClaimNext (lease 5 min)", claims, Us);
        table.Write(output);

        var found = new List<string>();
        var versions = Enumerable.Range(0, Keys).Count(k => coordinator.RetrieveData(Scope, Key(k))?.Version != Enumerable.Range(0, total).Count(i => i % Keys == k));
        if (versions > 0)
        {
            found.Add($"in process: {versions} keys do not read back at the version of their write count");
        }

        if (misread > 0)
        {
            found.Add($"in process: {misread} RetrieveData calls did not return the value written");
        }

        var stillPending = store.ListQueue(WorkQueue, QueueItemStatus.Pending, 100_000).Count;
        var stored = store.ListQueue(WorkQueue, QueueItemStatus.Claimed, 100_000);
        if (claimed.Count != total || stillPending != 0 || stored.Count != total || stored.Any(item => item.Claimer != Actor || item.Attempts != 1))
        {
            found.Add($"in process: {claimed.Count} distinct items claimed of {total}, {stillPending} still pending, {stored.Count} stored as claimed");
        }

        output.WriteLine(found.Count == 0
            ? $"checked: every key reads back at version = its write count; every read returned the value written; {total:N0} ClaimNext calls got {total:N0} distinct items, the queue holds them claimed by '{Actor}' (attempts 1), none pending"
            : "checked: problems below");
        problems.AddRange(found);
    }

    private static void Race(BenchContext context, Sandbox sandbox, (string FileName, string[] Leading) program, List<string> problems)
    {
        var output = context.Output;
        var perProcess = RaceItems / Racers;
        output.WriteLine($"[3/3] races: {Racers} OS processes (the racer of the race tests) on one store file");
        output.WriteLine($"setup:   each racer opens the store, warms up, prints 'ready' and waits; all are released together. "
            + $"claim: {Racers} x {perProcess} claim_next (lease 1 h) on a queue of {RaceItems:N0} items, wall time from the release to the last exit. "
            + $"cas: every racer loops read + StoreData(expected_version = the version read) on one key for {CasSeconds} s, then is killed. "
            + "The racer sleeps 0 or 1 ms (random) after each operation, as between an agent's tool calls");

        var table = new Table("race", "processes", "ops", "conflicts", "wall s", "ops/s", "conflicts/s");
        var found = new List<string>();
        var claimChecked = RaceClaims(sandbox, program, perProcess, table, found);
        var casChecked = RaceCas(sandbox, program, table, found);
        table.Write(output);
        output.WriteLine(found.Count == 0 ? $"checked: {claimChecked}; {casChecked}" : "checked: problems below");
        problems.AddRange(found);
    }

    private static string RaceClaims(Sandbox sandbox, (string FileName, string[] Leading) program, int perProcess, Table table, List<string> found)
    {
        var path = Path.Combine(sandbox.Root, "race-claim.db");
        var enqueued = new HashSet<long>();
        using (var store = SqliteStore.Open(path))
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            for (var i = 0; i < RaceItems; i++)
            {
                enqueued.Add(coordinator.Enqueue("work", i.ToString(CultureInfo.InvariantCulture), Actor, priority: i % 3).Id);
            }
        }

        var racers = new List<RacerProcess>();
        try
        {
            for (var p = 0; p < Racers; p++)
            {
                racers.Add(RacerProcess.Start(program, sandbox, path, $"r{p}", "claim", "work", perProcess.ToString(CultureInfo.InvariantCulture)));
            }

            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            var clock = Stopwatch.StartNew();
            foreach (var racer in racers)
            {
                racer.Go();
            }

            var deadline = DateTime.UtcNow + RaceTimeout;
            var timedOut = racers.Where(r => !r.WaitForExit(Max(deadline - DateTime.UtcNow))).Count();
            clock.Stop();
            if (timedOut > 0)
            {
                found.Add($"race claim: {timedOut} racers did not finish within {RaceTimeout.TotalSeconds:0} s");
                return "";
            }

            var claims = racers.SelectMany(r => r.Lines.Where(l => l.StartsWith("claimed ", StringComparison.Ordinal))
                .Select(l => long.Parse(l[8..], CultureInfo.InvariantCulture))).ToList();
            var wall = clock.Elapsed.TotalSeconds;
            table.Add($"claim_next, one queue of {RaceItems:N0}", Racers.ToString(CultureInfo.InvariantCulture),
                claims.Count.ToString("N0", CultureInfo.InvariantCulture), "-", wall.ToString("0.00", CultureInfo.InvariantCulture),
                (claims.Count / wall).ToString("N0", CultureInfo.InvariantCulture), "-");

            var failed = racers.Where(r => r.ExitCode != 0 || r.Lines.LastOrDefault() != "done").ToList();
            var empties = racers.Sum(r => r.Lines.Count(l => l == "empty"));
            using var check = SqliteStore.Open(path);
            var stored = check.ListQueue("work", QueueItemStatus.Claimed, 100_000);
            var pending = check.ListQueue("work", QueueItemStatus.Pending, 100_000).Count;
            if (failed.Count > 0)
            {
                found.Add($"race claim: {failed.Count} racers failed: exit {failed[0].ExitCode}, {failed[0].Errors}");
            }

            if (check.CheckIntegrity(full: true) is [_, ..] damage)
            {
                found.Add($"race claim: integrity_check says {string.Join("; ", damage)}");
            }

            if (claims.Count != RaceItems || empties > 0 || !claims.ToHashSet().SetEquals(enqueued) || pending != 0 || stored.Count != RaceItems
                || stored.Any(item => item.Attempts != 1))
            {
                found.Add($"race claim: {claims.Count} claims ({claims.Distinct().Count()} distinct) of {RaceItems}, {empties} empty answers, "
                    + $"{pending} still pending, {stored.Count} stored as claimed");
            }

            return $"claim: all {RaceItems:N0} items claimed exactly once (stored claimed, attempts 1, none pending), every racer exited 0, integrity_check ok";
        }
        finally
        {
            foreach (var racer in racers)
            {
                racer.Dispose();
            }
        }
    }

    private static string RaceCas(Sandbox sandbox, (string FileName, string[] Leading) program, Table table, List<string> found)
    {
        var path = Path.Combine(sandbox.Root, "race-cas.db");
        using (var store = SqliteStore.Open(path))
        {
            new Coordinator(store, TimeProvider.System).StoreData("race", "counter", "0", expectedVersion: 0, Actor);
        }

        var racers = new List<RacerProcess>();
        try
        {
            for (var p = 0; p < Racers; p++)
            {
                // More attempts than fit in the interval: the racers are killed when it ends.
                racers.Add(RacerProcess.Start(program, sandbox, path, $"r{p}", "cas", "race", "counter", "100000000"));
            }

            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            var clock = Stopwatch.StartNew();
            foreach (var racer in racers)
            {
                racer.Go();
            }

            var exitedEarly = false;
            while (clock.Elapsed < TimeSpan.FromSeconds(CasSeconds) && !exitedEarly)
            {
                Thread.Sleep(50);
                exitedEarly = racers.Any(r => r.HasExited);
            }

            var lines = racers.Select(r => r.Lines).ToList();
            var elapsed = clock.Elapsed.TotalSeconds;
            foreach (var racer in racers)
            {
                racer.Kill();
            }

            var ok = lines.Sum(l => l.Count(x => x.StartsWith("ok ", StringComparison.Ordinal)));
            var conflicts = lines.Sum(l => l.Count(x => x == "conflict"));
            table.Add($"compare-and-set increments, {CasSeconds} s", Racers.ToString(CultureInfo.InvariantCulture),
                ok.ToString("N0", CultureInfo.InvariantCulture), conflicts.ToString("N0", CultureInfo.InvariantCulture),
                elapsed.ToString("0.00", CultureInfo.InvariantCulture), (ok / elapsed).ToString("N0", CultureInfo.InvariantCulture),
                (conflicts / elapsed).ToString("N0", CultureInfo.InvariantCulture));

            if (exitedEarly)
            {
                var gone = racers.First(r => r.HasExited);
                found.Add($"race cas: a racer exited before the interval ended: {gone.Errors}");
            }

            // Everything printed up to the kill: every successful write got its own version, and the store agrees.
            var versions = racers.SelectMany(r => r.Lines.Where(x => x.StartsWith("ok ", StringComparison.Ordinal))
                .Select(x => long.Parse(x[3..], CultureInfo.InvariantCulture))).ToList();
            using var check = SqliteStore.Open(path);
            var counter = check.GetState("race", "counter");
            var writes = counter is null ? -1 : counter.Version - 1;
            var valueOk = counter is not null && counter.ValueJson == writes.ToString(CultureInfo.InvariantCulture);
            if (check.CheckIntegrity(full: true) is [_, ..] damage)
            {
                found.Add($"race cas: integrity_check after the kills says {string.Join("; ", damage)}");
            }

            if (versions.Count != versions.Distinct().Count() || !valueOk || writes < versions.Count || writes > versions.Count + Racers
                || ok == 0 || conflicts == 0)
            {
                found.Add($"race cas: {versions.Count} ok lines ({versions.Distinct().Count()} distinct versions), {conflicts} conflicts; "
                    + $"the store holds value {counter?.ValueJson} at version {counter?.Version}");
            }

            return "cas: no version was granted twice, the counter equals its version - 1 (no lost update), "
                + "and the store's write count matches the racers' 'ok' lines (up to one unprinted write per killed racer), integrity_check ok after the kills";
        }
        finally
        {
            foreach (var racer in racers)
            {
                racer.Dispose();
            }
        }
    }

    private static TimeSpan Max(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;
}
