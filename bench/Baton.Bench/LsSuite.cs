using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>ls</c>: whole-process time of <c>baton ls</c> and <c>baton ls --all --json</c> over a store seeded with 1,000
/// sessions (100 open and live, 200 open whose process is gone, 700 ended).
/// </summary>
internal static class LsSuite
{
    private const int Warmups = 2;

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("whole-process time of `baton ls` and `baton ls --all --json` over a 1,000-session store");
        using var sandbox = Sandbox.Create();
        var clock = Stopwatch.StartNew();
        SeededSessions seeded;
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            seeded = SessionSeeder.Seed(store, live: 100, dead: 200, ended: 700);
        }

        var runs = context.RunsOr(30);
        output.WriteLine($"setup:   seeded {seeded.Count:N0} sessions ({seeded.Live.Count} live with the bench's pid, {seeded.Dead.Count} open "
            + $"with pids that cannot exist, {seeded.Ended.Count} ended) in {clock.Elapsed.TotalSeconds:0.0} s; {Warmups} warm-ups + {runs} runs per row");

        var ls = new Variant("baton ls", context.Baton, ["ls"]);
        var all = new Variant("baton ls --all --json", context.Baton, ["ls", "--all", "--json"]);
        var bytes = new Dictionary<Variant, int>();
        var problems = new HashSet<string>(StringComparer.Ordinal);
        Variant.RunRounds([ls, all], sandbox, sandbox.Root, Warmups, runs, (variant, result) =>
        {
            bytes[variant] = result.Stdout.Length;
            if (Check(variant == all, result.Stdout, seeded) is { } problem)
            {
                problems.Add($"{variant.Label}: {problem}");
            }
        });

        var table = new Table("command", "runs", "median ms", "p95 ms", "min ms", "max ms", "stdout bytes");
        foreach (var variant in new[] { ls, all })
        {
            table.AddTimings(variant.Label, variant.Samples, bytes[variant].ToString("N0", CultureInfo.InvariantCulture));
        }

        table.Write(output);
        output.WriteLine(problems.Count == 0
            ? $"checked: `ls` showed exactly the {seeded.Live.Count} live sessions; `--all --json` listed {seeded.Count:N0}, "
                + $"{seeded.Dead.Count + seeded.Ended.Count} of them exited"
            : string.Join(Environment.NewLine, problems.Select(p => "FAILED CHECK: " + p)));
        return problems.Count == 0;
    }

    private static string? Check(bool json, string stdout, SeededSessions seeded)
    {
        if (!json)
        {
            var missing = seeded.Live.Count(s => !stdout.Contains(SessionRegistry.ShortId(s.SessionId), StringComparison.Ordinal));
            var extra = seeded.Dead.Concat(seeded.Ended).Count(s => stdout.Contains(SessionRegistry.ShortId(s.SessionId), StringComparison.Ordinal));
            return missing == 0 && extra == 0 ? null : $"{missing} live sessions missing, {extra} dead or ended ones shown";
        }

        using var document = JsonDocument.Parse(stdout);
        var sessions = document.RootElement.EnumerateArray().ToList();
        var exited = sessions.Count(s => s.GetProperty("status").GetString() == "exited");
        return sessions.Count == seeded.Count && exited == seeded.Dead.Count + seeded.Ended.Count
            ? null
            : $"{sessions.Count} sessions listed, {exited} exited";
    }
}
