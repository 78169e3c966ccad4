using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Storage;
using Baton.Storage.Postgres;
using Baton.Storage.Sqlite;
using Npgsql;

namespace Baton.Bench;

/// <summary>
/// <c>teamstore</c>: the SQLite file and the team store (PostgreSQL) side by side in one run, on this machine: (1) a whole
/// <c>baton hook PostToolUse</c> process per event, p50/p95; (2) <c>StoreData</c> and <c>ClaimNext</c> per second from one
/// process (in process, one thread); (3) <c>claim_next</c> and compare-and-set <c>store_data</c> per second from 8 OS
/// processes (the race tests' racer); (4) a whole <c>baton ls --json</c> process over 200 live and 100,000 ended sessions
/// (<c>--live</c>/<c>--ended</c> change them). The server is the one <c>BATON_BENCH_POSTGRES_URL</c> (else
/// <c>BATON_TEST_POSTGRES_URL</c>) names; the suite works in a schema of its own, dropped at the end. Ratios are the point:
/// absolute figures move with the machine.
/// </summary>
internal static class TeamStoreSuite
{
    private const int Racers = 8;
    private const int RaceItems = 4000;
    private const int CasSeconds = 10;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(180);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("the SQLite file vs the team store (PostgreSQL) on this machine");
        var url = Environment.GetEnvironmentVariable("BATON_BENCH_POSTGRES_URL") is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable("BATON_TEST_POSTGRES_URL");
        if (string.IsNullOrEmpty(url))
        {
            output.WriteLine("FAILED CHECK: set BATON_BENCH_POSTGRES_URL (or BATON_TEST_POSTGRES_URL) to a postgres:// URL of a server where the user may create schemas; tests/postgres-server.sh starts one");
            return false;
        }

        var racer = RacerProcess.Locate();
        using var sandbox = Sandbox.Create();
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        Admin(url, $"CREATE SCHEMA {schema}");
        var problems = new List<string>();
        try
        {
            var team = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "options=" + Uri.EscapeDataString("-c search_path=" + schema);
            output.WriteLine($"server:  {PostgresUrl.Describe(PostgresUrl.Parse(url))}, schema {schema} (PostgreSQL {Admin(url, "SHOW server_version")})");
            output.WriteLine();
            Hooks(context, sandbox, team, problems);
            output.WriteLine();
            InProcess(context, sandbox, team, problems);
            output.WriteLine();
            if (racer is { } program)
            {
                Races(context, sandbox, program, team, problems);
            }
            else
            {
                problems.Add("the racer program is not beside the bench; rebuild bench/Baton.Bench");
            }

            output.WriteLine();
            Listing(context, url, schema, problems);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Admin(url, $"DROP SCHEMA {schema} CASCADE");
        }

        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    private static void Hooks(BenchContext context, Sandbox sandbox, string team, List<string> problems)
    {
        var runs = context.RunsOr(40);
        var output = context.Output;
        output.WriteLine($"[1/3] `baton hook PostToolUse`, one whole process per event ({runs} timed after 3 warm-ups), the session started first");
        var table = Table.ForTimings("store");
        foreach (var (label, store) in new[] { ("sqlite", "sqlite"), ("postgres", team) })
        {
            var extra = new Dictionary<string, string> { ["BATON_STORE_URL"] = store };
            var session = Guid.NewGuid().ToString();
            var cwd = sandbox.Root;
            Hook(context, sandbox, extra, session, "SessionStart", cwd);
            var timings = new List<double>();
            for (var i = 0; i < runs + 3; i++)
            {
                var result = Hook(context, sandbox, extra, session, "PostToolUse", cwd);
                if (i >= 3)
                {
                    timings.Add(result.Milliseconds);
                }
            }

            table.AddTimings(label, timings);
            var events = CountJournal(label == "sqlite" ? SqliteStore.Open(sandbox.Baton.DatabasePath) : PostgresStore.Open(PostgresUrl.Parse(team).ConnectionString), session);
            if (events != runs + 4)
            {
                problems.Add($"hooks on {label}: {events} journal entries for the session, expected {runs + 4} (one per hook)");
            }
        }

        table.Write(output);
    }

    private static ChildResult Hook(BenchContext context, Sandbox sandbox, Dictionary<string, string> extra, string session, string eventName, string cwd)
    {
        var input = new JsonObject
        {
            ["session_id"] = session,
            ["hook_event_name"] = eventName,
            ["cwd"] = cwd,
            ["transcript_path"] = "/tmp/bench.jsonl",
            ["tool_name"] = "Bash",
            ["tool_input"] = new JsonObject { ["command"] = "ls" },
            ["tool_response"] = new JsonObject { ["stdout"] = "a\nb" },
        };
        return ChildProcess.Run(context.Baton, ["hook", eventName], sandbox, cwd, Encoding.UTF8.GetBytes(input.ToJsonString()), extra);
    }

    private static int CountJournal(IBatonStore store, string session)
    {
        using (store)
        {
            return store.QueryJournal(new JournalQuery(0, null, null, 100_000)).Count(e => e.Subject == "session:" + session);
        }
    }

    private static void InProcess(BenchContext context, Sandbox sandbox, string team, List<string> problems)
    {
        var runs = context.RunsOr(2000);
        var output = context.Output;
        output.WriteLine($"[2/3] one process, one thread: Coordinator.StoreData (1 KiB value, 100 keys) and ClaimNext, {runs:N0} timed ops each after 200 warm-ups");
        var table = new Table("store", "operation", "ops", "ops/s", "p50 µs", "p99 µs", "max µs");
        foreach (var (label, open) in new (string, Func<IBatonStore>)[]
        {
            ("sqlite", () => SqliteStore.Open(Path.Combine(sandbox.Root, "in-process.db"))),
            ("postgres", () => PostgresStore.Open(PostgresUrl.Parse(team).ConnectionString)),
        })
        {
            using var store = open();
            var coordinator = new Coordinator(store, TimeProvider.System);
            var total = runs + 200;
            var writes = Time(total, i => coordinator.StoreData(CoordinationSuite.Scope, CoordinationSuite.Key(i), CoordinationSuite.Value(i % CoordinationSuite.Keys), null, "bench"));
            for (var i = 0; i < total; i++)
            {
                coordinator.Enqueue(CoordinationSuite.WorkQueue, "{}", "bench");
            }

            var misses = 0;
            var claims = Time(total, _ => misses += coordinator.ClaimNext(CoordinationSuite.WorkQueue, "bench", CoordinationSuite.Lease) is null ? 1 : 0);
            CoordinationSuite.AddRow(table, label + " | StoreData", writes, Us);
            CoordinationSuite.AddRow(table, label + " | ClaimNext", claims, Us);
            if (misses > 0)
            {
                problems.Add($"in process on {label}: {misses} ClaimNext calls found nothing");
            }
        }

        table.Write(output);
    }

    private static List<double> Time(int total, Action<int> operation)
    {
        var samples = new List<double>(total);
        for (var i = 0; i < total; i++)
        {
            var start = Stopwatch.GetTimestamp();
            operation(i);
            if (i >= 200)
            {
                samples.Add(CoordinationSuite.Since(start));
            }
        }

        return samples;
    }

    private static void Races(BenchContext context, Sandbox sandbox, (string FileName, string[] Leading) program, string team, List<string> problems)
    {
        var output = context.Output;
        output.WriteLine($"[3/3] {Racers} OS processes released together: claim_next on a queue of {RaceItems:N0} ({RaceItems / Racers} each); "
            + $"compare-and-set store_data increments of one key for {CasSeconds} s (the racer sleeps 0 or 1 ms between operations)");
        var table = new Table("store", "race", "ops", "conflicts", "wall s", "ops/s");
        foreach (var (label, store, open) in new (string, string, Func<IBatonStore>)[]
        {
            ("sqlite", Path.Combine(sandbox.Root, "race.db"), () => SqliteStore.Open(Path.Combine(sandbox.Root, "race.db"))),
            ("postgres", team, () => PostgresStore.Open(PostgresUrl.Parse(team).ConnectionString)),
        })
        {
            using (var seed = open())
            {
                var coordinator = new Coordinator(seed, TimeProvider.System);
                for (var i = 0; i < RaceItems; i++)
                {
                    coordinator.Enqueue("race-work", "{}", "bench");
                }

                coordinator.StoreData("race", "counter", "0", expectedVersion: 0, "bench");
            }

            var (claims, claimWall) = Race(sandbox, program, store, p => ["claim", "race-work", (RaceItems / Racers).ToString(CultureInfo.InvariantCulture)], null);
            var claimed = claims.Sum(lines => lines.Count(l => l.StartsWith("claimed ", StringComparison.Ordinal)));
            var distinct = claims.SelectMany(lines => lines.Where(l => l.StartsWith("claimed ", StringComparison.Ordinal))).Distinct().Count();
            table.Add(label, "claim_next", claimed.ToString("N0", CultureInfo.InvariantCulture), "-", claimWall.ToString("0.00", CultureInfo.InvariantCulture), (claimed / claimWall).ToString("N0", CultureInfo.InvariantCulture));
            if (claimed != RaceItems || distinct != RaceItems)
            {
                problems.Add($"race on {label}: {claimed} claims ({distinct} distinct) of {RaceItems}");
            }

            var (cas, casWall) = Race(sandbox, program, store, _ => ["cas", "race", "counter", "100000000"], TimeSpan.FromSeconds(CasSeconds));
            var ok = cas.Sum(lines => lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
            var conflicts = cas.Sum(lines => lines.Count(l => l == "conflict"));
            table.Add(label, "store_data (compare-and-set)", ok.ToString("N0", CultureInfo.InvariantCulture), conflicts.ToString("N0", CultureInfo.InvariantCulture), casWall.ToString("0.00", CultureInfo.InvariantCulture), (ok / casWall).ToString("N0", CultureInfo.InvariantCulture));
            using var check = open();
            var versions = cas.SelectMany(lines => lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal))).ToList();
            var counter = check.GetState("race", "counter");
            if (versions.Count != versions.Distinct().Count() || counter is null || counter.ValueJson != (counter.Version - 1).ToString(CultureInfo.InvariantCulture))
            {
                problems.Add($"race on {label}: a version was granted twice or an update was lost (counter {counter?.ValueJson} at version {counter?.Version})");
            }
        }

        table.Write(output);
    }

    /// <summary>Runs <see cref="Racers"/> racers released together: until they all exit, or for <paramref name="lasting"/> and then killed.</summary>
    private static (List<IReadOnlyList<string>> Lines, double Wall) Race(
        Sandbox sandbox, (string FileName, string[] Leading) program, string store, Func<int, string[]> arguments, TimeSpan? lasting)
    {
        var racers = Enumerable.Range(0, Racers).Select(p => RacerProcess.Start(program, sandbox, [store, $"r{p}", .. arguments(p)])).ToList();
        try
        {
            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            var clock = Stopwatch.StartNew();
            foreach (var racer in racers)
            {
                racer.Go();
            }

            if (lasting is { } interval)
            {
                while (clock.Elapsed < interval && !racers.Any(r => r.HasExited))
                {
                    Thread.Sleep(50);
                }
            }
            else
            {
                racers.ForEach(r => r.WaitForExit(RaceTimeout));
            }

            var lines = racers.Select(r => r.Lines).ToList();
            var wall = clock.Elapsed.TotalSeconds;
            return (lines, wall);
        }
        finally
        {
            foreach (var racer in racers)
            {
                racer.Kill();
                racer.Dispose();
            }
        }
    }

    private static void Listing(BenchContext context, string url, string schema, List<string> problems)
    {
        var output = context.Output;
        var scale = context.Scale ?? new LsScale(200, 100_000);
        var runs = context.RunsOr(10);
        output.WriteLine($"[4/4] `baton ls --json`, one whole process, over {scale.Live} live and {scale.Ended:N0} ended sessions ({runs} timed after 2 warm-ups)");
        var table = Table.ForTimings("store");
        using var home = Sandbox.Create();
        var listing = schema + "_ls";
        Admin(url, $"CREATE SCHEMA {listing}");
        var team = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "options=" + Uri.EscapeDataString("-c search_path=" + listing);
        foreach (var (label, store, open) in new (string, string, Func<IBatonStore>)[]
        {
            ("sqlite", "sqlite", () => SqliteStore.Open(home.Baton.DatabasePath)),
            ("postgres", team, () => PostgresStore.Open(PostgresUrl.Parse(team).ConnectionString)),
        })
        {
            var clock = Stopwatch.StartNew();
            SeededSessions seeded;
            using (var seed = open())
            {
                seeded = SessionSeeder.Seed(seed, live: scale.Live, dead: 0, ended: scale.Ended);
            }

            output.WriteLine($"seeded {label}: {seeded.Count:N0} sessions in {clock.Elapsed.TotalSeconds:0.0} s");
            var extra = new Dictionary<string, string> { ["BATON_STORE_URL"] = store };
            var timings = new List<double>();
            for (var i = 0; i < runs + 2; i++)
            {
                var result = ChildProcess.Run(context.Baton, ["ls", "--json"], home, home.Root, null, extra);
                var listed = JsonNode.Parse(result.Stdout)?.AsArray().Count ?? -1;
                if (listed != scale.Live)
                {
                    problems.Add($"ls --json on {label}: {listed} sessions listed, expected the {scale.Live} live ones ({result.Stderr.Trim()})");
                    break;
                }

                if (i >= 2)
                {
                    timings.Add(result.Milliseconds);
                }
            }

            table.AddTimings(label, timings);
        }

        NpgsqlConnection.ClearAllPools();
        Admin(url, $"DROP SCHEMA {listing} CASCADE");
        table.Write(output);
    }

    private static string Us(double micros) => micros.ToString("0.0", CultureInfo.InvariantCulture);

    private static string? Admin(string url, string sql)
    {
        using var connection = new NpgsqlConnection(PostgresUrl.Parse(url).ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar()?.ToString();
    }
}
