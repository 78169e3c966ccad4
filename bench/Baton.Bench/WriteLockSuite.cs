using System.Globalization;
using Baton.Testing;

namespace Baton.Bench;

/// <summary>
/// <c>writelock</c>: how long a write to a SQLite store waits for the write lock when many processes write at once, and
/// whether every writer gets its turn. <see cref="Writers"/> racer processes (<c>Baton.Storage.Sqlite.Racer write</c>) each
/// store one key as fast as they can, once on an idle machine and once beside one busy loop per core (a user's build), after
/// one writer alone on the idle machine (the floor: a write that never waits). Each row gives the time of one write
/// (median, p95, p99, max) and the spread of the writers' finishing times; no write may fail.
/// </summary>
internal static class WriteLockSuite
{
    private const int Writers = 8;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader($"one write's wait for the SQLite write lock: one writer alone, {Writers} at once, {Writers} at once beside busy loops", runsBaton: false);
        if (RacerProcess.Locate() is not { } racer)
        {
            output.WriteLine("FAILED CHECK: Baton.Storage.Sqlite.Racer is not beside the bench; build bench/Baton.Bench");
            return false;
        }

        var writes = context.RunsOr(20) * 20;
        var cores = Environment.ProcessorCount;
        output.WriteLine($"setup:   each writer stores one key {writes:N0} times with no pause (a write transaction and its journal entry); busy loops: {cores}, 'while :; do :; done'");
        var problems = new List<string>();
        var table = new Table("writers", "writes", "median ms", "p95 ms", "p99 ms", "max ms", "first done s", "last done s");
        var alone = Race(racer, 1, writes, busy: false, problems);
        var together = Race(racer, Writers, writes, busy: false, problems);
        var loaded = Race(racer, Writers, writes, busy: true, problems);
        Add(table, "1 alone (floor)", alone);
        Add(table, $"{Writers} at once", together);
        Add(table, $"{Writers} at once, beside {cores} busy loops", loaded);
        table.Write(output);
        output.WriteLine($"ratio, p99 / floor's median: {Writers} at once {Ratio(together, alone)}, beside busy loops {Ratio(loaded, alone)}");
        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    private static RaceResult Race((string FileName, string[] Leading) racer, int writers, int writes, bool busy, List<string> problems)
    {
        using var sandbox = Sandbox.Create();
        var database = sandbox.Baton.DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var racers = Enumerable.Range(0, writers)
            .Select(w => RacerProcess.Start(racer, sandbox, database, $"w{w}", "write", "bench", "key", writes.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        try
        {
            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            using var loops = busy ? BusyLoops.Start(Environment.ProcessorCount) : null;
            var started = TimeProvider.System.GetTimestamp();
            racers.ForEach(r => r.Go());
            var done = racers.Select(r => r.WaitForExit(RunTimeout) ? TimeProvider.System.GetElapsedTime(started).TotalSeconds : double.NaN).ToList();
            foreach (var (r, w) in racers.Select((r, w) => (r, w)))
            {
                if (!r.HasExited || r.ExitCode != 0)
                {
                    problems.Add($"writer w{w} of {writers}{(busy ? " beside busy loops" : "")} failed: {(r.HasExited ? $"exit {r.ExitCode}" : "still running")} {r.Errors}");
                }
            }

            var samples = racers.SelectMany(r => r.Lines.Where(l => l.StartsWith("wrote ", StringComparison.Ordinal))
                .Select(l => double.Parse(l["wrote ".Length..], CultureInfo.InvariantCulture))).ToList();
            return new RaceResult(samples, done);
        }
        finally
        {
            racers.ForEach(r => r.Dispose());
        }
    }

    private static void Add(Table table, string label, RaceResult result)
    {
        if (result.Samples.Count == 0)
        {
            table.Add(label, "0");
            return;
        }

        var s = Summary.Of(result.Samples);
        table.Add(label, s.Count.ToString(CultureInfo.InvariantCulture), BenchContext.Ms(s.Median), BenchContext.Ms(s.P95), BenchContext.Ms(s.P99), BenchContext.Ms(s.Max),
            result.Done.Min().ToString("0.0", CultureInfo.InvariantCulture), result.Done.Max().ToString("0.0", CultureInfo.InvariantCulture));
    }

    private static string Ratio(RaceResult measured, RaceResult floor) =>
        measured.Samples.Count == 0 || floor.Samples.Count == 0
            ? "n/a"
            : BenchContext.Ratio(Summary.Of(measured.Samples).P99, Summary.Of(floor.Samples).Median);

    /// <summary>One race's write timings (ms) and each writer's finishing time (s after the start; NaN when it did not end).</summary>
    private sealed record RaceResult(List<double> Samples, List<double> Done);
}
