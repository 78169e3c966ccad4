using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using static Baton.Bench.BenchContext;

namespace Baton.Bench;

/// <summary>
/// <c>registry</c>: how soon a status change in Claude Code's own live-session registry
/// (<c>~/.claude/sessions/&lt;pid&gt;.json</c>) shows in Baton's store through the resident server's watch, beside its
/// floor: the same file change seen by a bare <see cref="FileSystemWatcher"/> in the bench. Each run rewrites the entry of
/// the bench's own process as claude does (a whole new file renamed into place), alternating <c>waiting</c> for a
/// permission prompt and <c>busy</c>, and polls the store every millisecond until the session's status follows.
/// </summary>
internal static class RegistrySuite
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("Claude Code's registry entry rewritten -> Baton's store shows the status (resident server's watch) vs a bare FileSystemWatcher");
        var runs = context.RunsOr(100);
        using var sandbox = Sandbox.Create();
        var folder = Path.Combine(sandbox.UserHome, ".claude", "sessions");
        Directory.CreateDirectory(folder);
        var pid = Environment.ProcessId;
        var ticks = ProcessClock.System.StartTicks(pid) ?? throw new InvalidOperationException("no /proc start ticks for the bench");
        var sessionId = Guid.NewGuid().ToString();
        var entry = Path.Combine(folder, $"{pid}.json");
        output.WriteLine($"setup:   a registry entry for the bench's own process (pid {pid}), {runs} status changes after 3 warm-ups, each "
            + "written to a temporary file and renamed into place; the store polled every 1 ms, up to 5 s");

        var server = HotPathSuite.StartServer(context, sandbox);
        var problems = new List<string>();
        var baton = new List<double>();
        var floor = new List<double>();
        try
        {
            using var store = SqliteStore.Open(sandbox.Baton.DatabasePath);
            using var watcher = new FileSystemWatcher(folder, "*.json") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
            using var seen = new AutoResetEvent(false);
            watcher.Renamed += (_, _) => seen.Set();
            watcher.EnableRaisingEvents = true;
            for (var run = -3; run < runs; run++)
            {
                var waiting = run % 2 == 0;
                var expected = waiting ? SessionStatus.WaitingPermission : SessionStatus.Running;
                seen.Reset();
                var clock = Stopwatch.StartNew();
                Write(entry, pid, ticks, sessionId, waiting);
                var watched = seen.WaitOne(MaxWait) ? clock.Elapsed.TotalMilliseconds : (double?)null;
                while (store.GetSession(sessionId)?.Status != expected && clock.Elapsed < MaxWait)
                {
                    Thread.Sleep(1);
                }

                var shown = clock.Elapsed.TotalMilliseconds;
                if (store.GetSession(sessionId)?.Status != expected || watched is null)
                {
                    problems.Add($"run {run}: {(watched is null ? "no watch event" : $"the store did not show {expected}")} within {MaxWait.TotalSeconds:0} s");
                    continue;
                }

                if (run >= 0)
                {
                    baton.Add(shown);
                    floor.Add(watched.Value);
                }
            }
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }

        problems.AddRange(sandbox.BatonLogLines().Where(l => !l.Contains(" serve: listening", StringComparison.Ordinal)).Select(l => "baton.log: " + l));
        var table = Table.ForTimings("registry change -> visible");
        table.AddTimings("floor: FileSystemWatcher event in the bench", floor);
        table.AddTimings("baton: the store shows the new status", baton);
        table.Write(output);
        if (baton.Count > 0 && floor.Count > 0)
        {
            output.WriteLine($"ratio:   median {Summary.Of(baton).Median / Summary.Of(floor).Median:0.0}x the floor ({Ms(Summary.Of(baton).Median)} vs {Ms(Summary.Of(floor).Median)} ms)");
        }

        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    /// <summary>Writes the entry as Claude Code 2.1.332 does (see docs/claude-code.md), through a renamed temporary file.</summary>
    private static void Write(string path, int pid, long ticks, string sessionId, bool waiting)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var entry = new JsonObject
        {
            ["pid"] = pid,
            ["sessionId"] = sessionId,
            ["cwd"] = Path.GetDirectoryName(path),
            ["procStart"] = ticks.ToString(CultureInfo.InvariantCulture),
            ["kind"] = "interactive",
            ["name"] = "bench-registry",
            ["nameSource"] = "derived",
            ["status"] = waiting ? "waiting" : "busy",
            ["updatedAt"] = now,
            ["statusUpdatedAt"] = now,
        };
        if (waiting)
        {
            entry["waitingFor"] = "permission prompt";
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, entry.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }
}
