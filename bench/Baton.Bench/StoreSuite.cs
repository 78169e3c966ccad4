using System.Diagnostics;
using System.Globalization;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>
/// <c>store</c>: in-process <see cref="SessionRegistry.Record(HookObservation)"/> (the read-modify-write a hook does: read the session,
/// apply the status model, upsert it and append a journal entry in one <c>BEGIN IMMEDIATE</c> transaction) on a store
/// seeded with 1,000 sessions; once with the store kept open, once opening and closing it per event as a hook process does;
/// then the -wal file's longest length under ~1,000 events/s from 4 writers while a reader follows the journal (issue 16).
/// </summary>
internal static class StoreSuite
{
    private const int Warmups = 200;

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("in-process SessionRegistry.Record (read-modify-write + journal, one transaction) throughput", runsBaton: false);
        using var sandbox = Sandbox.Create();
        var path = sandbox.Baton.DatabasePath;
        SeededSessions seeded;
        using (var store = SqliteStore.Open(path))
        {
            seeded = SessionSeeder.Seed(store, live: 100, dead: 200, ended: 700);
        }

        var runs = context.RunsOr(2000);
        output.WriteLine($"setup:   store seeded with {seeded.Count:N0} sessions; events alternate PreToolUse/PostToolUse over 4 live sessions; "
            + $"{Warmups} warm-ups + {runs} timed events per row, one thread");
        var sessions = seeded.Live.Take(4).ToList();
        var self = ProcessTable.Identify(Environment.ProcessId)!;
        var order = (ProcessTable.CurrentProcessStart() + 1000) * 16;
        HookObservation Next(int i) => new()
        {
            SessionId = sessions[i % sessions.Count].SessionId,
            EventName = i % 2 == 0 ? HookEvents.PreToolUse : HookEvents.PostToolUse,
            Order = order + (i * 16L),
            Cwd = sessions[i % sessions.Count].Cwd,
            ToolName = "Bash",
            Process = self,
            Git = new GitFacts(sessions[i % sessions.Count].ProjectRoot!, "main", Dirty: true),
            At = DateTimeOffset.UtcNow,
        };

        var kept = new List<double>();
        using (var store = SqliteStore.Open(path))
        {
            var registry = new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System);
            for (var i = 0; i < Warmups + runs; i++)
            {
                var observation = Next(i);
                var clock = Stopwatch.StartNew();
                registry.Record(observation);
                if (i >= Warmups)
                {
                    kept.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        var reopened = new List<double>();
        for (var i = 0; i < Warmups + runs; i++)
        {
            var observation = Next(Warmups + runs + i);
            var clock = Stopwatch.StartNew();
            using (var store = SqliteStore.Open(path))
            {
                new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).Record(observation);
            }

            if (i >= Warmups)
            {
                reopened.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var table = new Table("operation", "events", "ops/s", "p50 ms", "p99 ms", "max ms");
        foreach (var (label, samples) in new[] { ("Record, store kept open", kept), ("Open + Record + close (per hook)", reopened) })
        {
            var s = Summary.Of(samples);
            table.Add(label, s.Count.ToString(CultureInfo.InvariantCulture), (s.Count / (s.Total / 1000)).ToString("N0", CultureInfo.InvariantCulture),
                Ms(s.Median), Ms(s.P99), Ms(s.Max));
        }

        table.Write(output);
        var (writesPerSecond, longestLog) = SustainedWrites(path, Next);
        output.WriteLine($"sustained: {SustainedWriters} writers on their own connections, paced to {SustainedRate:N0} events/s together for "
            + $"{SustainedSeconds} s, and a reader following the journal: {writesPerSecond:N0} events/s, longest -wal {longestLog / 1048576.0:0.0} MiB "
            + "(SqliteLog keeps it under 16 MiB)");
        using var check = SqliteStore.Open(path);
        var last = check.GetSession(sessions[^1].SessionId);
        var ok = last is { LastEvent: HookEvents.PostToolUse, Status: SessionStatus.Running, Branch: "main" };
        output.WriteLine(ok
            ? "checked: the last session recorded reads back running, last event PostToolUse, branch main"
            : $"FAILED CHECK: the last session reads back as {last}");
        return ok && longestLog < 16 << 20;
    }

    private const int SustainedWriters = 4;
    private const int SustainedRate = 1_000;
    private const int SustainedSeconds = 10;

    /// <summary>Writers on their own connections, each paced to its share of <see cref="SustainedRate"/>, and a reader
    /// following the journal, while the -wal file's length is sampled.</summary>
    /// <returns>The events per second reached and the longest -wal file seen, in bytes.</returns>
    private static (double WritesPerSecond, long LongestLog) SustainedWrites(string path, Func<int, HookObservation> next)
    {
        var log = new FileInfo(path + "-wal");
        var clock = Stopwatch.StartNew();
        var perWriter = SustainedRate * SustainedSeconds / SustainedWriters;
        var writers = Enumerable.Range(0, SustainedWriters).Select(w => Task.Run(() =>
        {
            using var store = SqliteStore.Open(path);
            var registry = new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System);
            for (var i = 0; i < perWriter; i++)
            {
                var due = TimeSpan.FromSeconds((double)i * SustainedWriters / SustainedRate);
                if (due > clock.Elapsed)
                {
                    Thread.Sleep(due - clock.Elapsed);
                }

                registry.Record(next((i * SustainedWriters) + w));
            }
        })).ToArray();
        long longest = 0;
        using (var reader = SqliteStore.Open(path))
        {
            var seen = reader.LastSequence();
            while (!Task.WhenAll(writers).IsCompleted)
            {
                seen = reader.ReadJournal(seen, 500) is [.., var last] ? last.Sequence : seen;
                log.Refresh();
                longest = Math.Max(longest, log.Exists ? log.Length : 0);
                Thread.Sleep(1);
            }
        }

        Task.WaitAll(writers);
        return (SustainedRate * SustainedSeconds / clock.Elapsed.TotalSeconds, longest);
    }
}
