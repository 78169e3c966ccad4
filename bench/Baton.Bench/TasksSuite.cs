using System.Diagnostics;
using System.Globalization;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>tasks</c>: shared task lists over SQLite. (1) The ready set (pending, unowned, every blocker completed) of a list of
/// 10,000 and of 100,000 tasks with dependencies: <see cref="ITaskStore.ListTasks"/> with <c>ReadyOnly</c> (the first 100,
/// and all of them) and the list's counts. (2) Claims of the next ready task in one process, claim alone and the whole
/// claim, start, complete loop, on a 10,000-task list. (3) 8 OS processes (the race tests' racer, mode <c>tasks</c>) working
/// one 10,000-task list to the end (claim, start, complete), wall time from their release to the last exit.
/// </summary>
internal static class TasksSuite
{
    private const string Actor = "bench";
    private const string List = "plan";
    private const int Racers = 8;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromMinutes(10);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("shared task lists: the ready set, next-ready claims in one process and from 8 processes", runsBaton: false);
        output.WriteLine("setup:   layered plans: task i waits for 0-3 random tasks among the 40 before it (seed 12), priorities -2..2");
        using var sandbox = Sandbox.Create();
        var problems = new List<string>();
        var runs = context.RunsOr(200);

        var ready = new Table("list", "query", "runs", "p50 ms", "p99 ms", "max ms", "rows");
        foreach (var size in new[] { 10_000, 100_000 })
        {
            var path = Path.Combine(sandbox.Root, $"ready-{size}.db");
            var clock = Stopwatch.StartNew();
            Seed(path, size);
            output.WriteLine($"seeded {size:N0} tasks in {clock.Elapsed.TotalSeconds:0.0} s");
            using var store = SqliteStore.Open(path);
            var first = Time(runs, () => store.ListTasks(List, new TaskFilter(ReadyOnly: true, Limit: 100)).Count);
            var all = Time(Math.Max(10, runs / 10), () => store.ListTasks(List, new TaskFilter(ReadyOnly: true, Limit: size)).Count);
            var counts = Time(runs, () => store.GetTaskList(List)!.Ready);
            Add(ready, $"{size:N0} tasks", "ready set, first 100", first);
            Add(ready, $"{size:N0} tasks", "ready set, all", all);
            Add(ready, $"{size:N0} tasks", "counts (ready, pending, ...)", counts);
            if (all.Rows != counts.Rows)
            {
                problems.Add($"{size} tasks: the ready set has {all.Rows} rows but the counts say {counts.Rows}");
            }
        }

        output.WriteLine();
        output.WriteLine("[1/3] the ready set (beads' target: under 50 ms on 20,000 issues)");
        ready.Write(output);

        output.WriteLine();
        output.WriteLine("[2/3] next-ready claims in one process, 10,000-task list");
        var claims = new Table("loop", "claims", "wall s", "claims/s");
        InProcess(sandbox, claims, problems);
        claims.Write(output);

        output.WriteLine();
        output.WriteLine($"[3/3] {Racers} OS processes working one 10,000-task list to the end (claim next ready, start, complete)");
        if (RacerProcess.Locate() is { } program)
        {
            var race = new Table("race", "processes", "claims", "wall s", "claims/s");
            Race(sandbox, program, race, problems);
            race.Write(output);
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

    private static void Seed(string path, int size)
    {
        using var store = SqliteStore.Open(path);
        var random = new Random(12);
        for (var i = 1; i <= size; i++)
        {
            long[] waits = i <= 8 ? [] : [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => (long)random.Next(Math.Max(1, i - 40), i)).Distinct().Order()];
            store.AddTask(new NewTask(List, string.Create(CultureInfo.InvariantCulture, $"step {i}"), "", random.Next(-2, 3), null, waits), Actor);
        }
    }

    private static void InProcess(Sandbox sandbox, Table table, List<string> problems)
    {
        var path = Path.Combine(sandbox.Root, "claims.db");
        Seed(path, 10_000);
        using var store = SqliteStore.Open(path);
        var board = new TaskBoard(store);

        var clock = Stopwatch.StartNew();
        var claimedOnly = 0;
        while (board.Claim(List, null, null, "claim-only") is not null)
        {
            claimedOnly++;
        }

        var claimWall = clock.Elapsed.TotalSeconds;
        foreach (var task in store.ListOwnedTasks("claim-only"))
        {
            board.Release(List, task.Id, "claim-only");
        }

        clock.Restart();
        var worked = 0;
        while (board.Claim(List, null, null, Actor) is { } task)
        {
            board.Start(List, task.Id, Actor);
            board.Complete(List, task.Id, null, Actor);
            worked++;
        }

        var workWall = clock.Elapsed.TotalSeconds;
        table.Add("claim only, until none is ready", claimedOnly.ToString("N0", CultureInfo.InvariantCulture), Secs(claimWall), Rate(claimedOnly, claimWall));
        table.Add("claim + start + complete, to the end", worked.ToString("N0", CultureInfo.InvariantCulture), Secs(workWall), Rate(worked, workWall));
        if (worked != 10_000)
        {
            problems.Add($"in process: {worked} tasks worked of 10,000");
        }
    }

    private static void Race(Sandbox sandbox, (string FileName, string[] Leading) program, Table table, List<string> problems)
    {
        var path = Path.Combine(sandbox.Root, "race.db");
        Seed(path, 10_000);
        var racers = new List<RacerProcess>();
        try
        {
            for (var p = 0; p < Racers; p++)
            {
                racers.Add(RacerProcess.Start(program, sandbox, path, $"r{p}", "tasks", List));
            }

            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            var clock = Stopwatch.StartNew();
            foreach (var racer in racers)
            {
                racer.Go();
            }

            var deadline = DateTime.UtcNow + RaceTimeout;
            var timedOut = racers.Count(r => !r.WaitForExit(deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero));
            var wall = clock.Elapsed.TotalSeconds;
            var claims = racers.SelectMany(r => r.Lines.Where(l => l.StartsWith("claimed ", StringComparison.Ordinal))).ToList();
            table.Add("claim next ready + start + complete", Racers.ToString(CultureInfo.InvariantCulture), claims.Count.ToString("N0", CultureInfo.InvariantCulture), Secs(wall), Rate(claims.Count, wall));
            if (timedOut > 0 || claims.Count != 10_000 || claims.Distinct().Count() != 10_000)
            {
                problems.Add($"race: {timedOut} racers timed out; {claims.Count} claims ({claims.Distinct().Count()} distinct) of 10,000");
            }
        }
        finally
        {
            foreach (var racer in racers)
            {
                racer.Dispose();
            }
        }
    }

    private static (List<double> Ms, int Rows) Time(int runs, Func<int> query)
    {
        var rows = query();
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows = query();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (samples, rows);
    }

    private static void Add(Table table, string list, string query, (List<double> Ms, int Rows) timed)
    {
        var s = Summary.Of(timed.Ms);
        table.Add(list, query, s.Count.ToString(CultureInfo.InvariantCulture), BenchContext.Ms(s.Median), BenchContext.Ms(s.P99), BenchContext.Ms(s.Max),
            timed.Rows.ToString("N0", CultureInfo.InvariantCulture));
    }

    private static string Secs(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(int count, double seconds) => (count / seconds).ToString("N0", CultureInfo.InvariantCulture);
}
