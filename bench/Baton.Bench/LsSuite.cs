using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Bench;

/// <summary>How many sessions the <c>ls</c> suite seeds.</summary>
/// <param name="Live">Open sessions with the bench's pid (<c>--live</c>).</param>
/// <param name="Ended">Ended sessions (<c>--ended</c>).</param>
internal sealed record LsScale(int Live, int Ended)
{
    /// <summary>The default store: 100 live and 700 ended sessions (and always 200 open ones whose process is gone).</summary>
    public static LsScale Default { get; } = new(100, 700);

    /// <summary>Open sessions whose process is gone.</summary>
    public const int Dead = 200;
}

/// <summary>
/// <c>ls</c>: whole-process time and peak memory of <c>baton ls</c>, <c>baton ls --json</c> and <c>baton ls --all --json</c>
/// over a seeded store (by default 1,000 sessions: 100 open and live, 200 open whose process is gone, 700 ended).
/// </summary>
internal static class LsSuite
{
    private const int Warmups = 2;
    private const string TimeProgram = "/usr/bin/time";

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        var scale = context.Scale ?? LsScale.Default;
        var total = scale.Live + LsScale.Dead + scale.Ended;
        context.WriteHeader(
            $"whole-process time of `baton ls`, `baton ls --json` and `baton ls --all --json` over a {total:N0}-session store",
            options: context.Scale is null ? "" : $" --live {scale.Live} --ended {scale.Ended}");
        using var sandbox = Sandbox.Create();
        var clock = Stopwatch.StartNew();
        SeededSessions seeded;
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            seeded = SessionSeeder.Seed(store, live: scale.Live, dead: LsScale.Dead, ended: scale.Ended);
        }

        var runs = context.RunsOr(30);
        output.WriteLine($"setup:   seeded {seeded.Count:N0} sessions ({seeded.Live.Count} live with the bench's pid, {seeded.Dead.Count} open "
            + $"with pids that cannot exist, {seeded.Ended.Count} ended) in {clock.Elapsed.TotalSeconds:0.0} s; {Warmups} warm-ups + {runs} runs per row");

        var ls = new Variant("baton ls", context.Baton, ["ls"]);
        var live = new Variant("baton ls --json", context.Baton, ["ls", "--json"]);
        var all = new Variant("baton ls --all --json", context.Baton, ["ls", "--all", "--json"]);
        var bytes = new Dictionary<Variant, int>();
        var problems = new HashSet<string>(StringComparer.Ordinal);
        Variant.RunRounds([ls, live, all], sandbox, sandbox.Root, Warmups, runs, (variant, result) =>
        {
            bytes[variant] = result.Stdout.Length;
            if (Check(variant == ls ? null : variant == all, result.Stdout, seeded) is { } problem)
            {
                problems.Add($"{variant.Label}: {problem}");
            }
        });

        var table = new Table("command", "runs", "median ms", "p95 ms", "min ms", "max ms", "stdout bytes", "peak RSS MB");
        foreach (var variant in new[] { ls, live, all })
        {
            table.AddTimings(
                variant.Label, variant.Samples, bytes[variant].ToString("N0", CultureInfo.InvariantCulture), PeakRssMegabytes(variant, sandbox));
        }

        table.Write(output);
        output.WriteLine(problems.Count == 0
            ? $"checked: `ls` and `ls --json` showed exactly the {seeded.Live.Count:N0} live sessions; `--all --json` listed {seeded.Count:N0}, "
                + $"{seeded.Dead.Count + seeded.Ended.Count:N0} of them exited"
            : string.Join(Environment.NewLine, problems.Select(p => "FAILED CHECK: " + p)));
        return problems.Count == 0;
    }

    /// <summary>The peak resident memory of one more run, as <c>/usr/bin/time -f %M</c> reports it; <c>-</c> without that program.</summary>
    private static string PeakRssMegabytes(Variant variant, Sandbox sandbox)
    {
        if (!File.Exists(TimeProgram))
        {
            return "-";
        }

        var result = ChildProcess.Run(TimeProgram, ["-f", "%M", variant.FileName, .. variant.Arguments], sandbox, sandbox.Root);
        var lastLine = result.Stderr.TrimEnd().Split('\n')[^1];
        return long.TryParse(lastLine, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes)
            ? (kilobytes / 1024.0).ToString("0", CultureInfo.InvariantCulture)
            : "-";
    }

    /// <summary>Checks one output: the table (<paramref name="all"/> null), <c>ls --json</c> (false) or <c>ls --all --json</c> (true).</summary>
    private static string? Check(bool? all, string stdout, SeededSessions seeded)
    {
        if (all is null)
        {
            var words = stdout.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var missing = seeded.Live.Count(s => !words.Contains(SessionRegistry.ShortId(s.SessionId)));
            var extra = seeded.Dead.Concat(seeded.Ended).Count(s => words.Contains(SessionRegistry.ShortId(s.SessionId)));
            return missing == 0 && extra == 0 ? null : $"{missing} live sessions missing, {extra} dead or ended ones shown";
        }

        using var document = JsonDocument.Parse(stdout);
        var sessions = document.RootElement.EnumerateArray().ToList();
        var exited = sessions.Count(s => s.GetProperty("status").GetString() == "exited");
        var (count, exitedCount) = all.Value ? (seeded.Count, seeded.Dead.Count + seeded.Ended.Count) : (seeded.Live.Count, 0);
        return sessions.Count == count && exited == exitedCount
            ? null
            : $"{sessions.Count} sessions listed, {exited} exited";
    }
}
