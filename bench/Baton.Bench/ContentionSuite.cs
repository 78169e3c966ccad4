using System.Globalization;
using Baton.Core.Coordination;
using Baton.Core.Journal;
using Baton.Storage.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>contention</c>: the hook the agent waits for, idle and beside <see cref="Writers"/> processes that write the same store
/// as fast as they can (compare-and-set increments through Baton's Coordinator, <c>Baton.Storage.Sqlite.Racer cas</c>):
/// <c>baton-relay</c> answered by the resident server (what <c>baton hooks install</c> writes) and <c>baton hook</c> in a
/// process of its own, each beside the shell floor <c>sh -c 'cat &gt; FILE'</c> in the same rounds. Then every hook's event
/// must be in the store once the next command ran (recorded at once, or spooled and replayed): none lost.
/// </summary>
internal static class ContentionSuite
{
    private const int Warmups = 3;
    private const int Writers = 8;
    private const string Actor = "bench";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader($"one hook idle vs beside {Writers} processes writing the same store as fast as they can, each beside the shell floor");
        if (RacerProcess.Locate() is not { } racer)
        {
            output.WriteLine("FAILED CHECK: Baton.Storage.Sqlite.Racer is not beside the bench; build bench/Baton.Bench");
            return false;
        }

        var problems = new List<string>();
        using (var sandbox = Sandbox.Create())
        {
            var server = HotPathSuite.StartServer(context, sandbox);
            try
            {
                Measure(context, sandbox, racer, problems);
            }
            finally
            {
                server.Kill();
                server.WaitForExit();
            }

            problems.AddRange(sandbox.BatonLogLines()
                .Where(l => !l.Contains(" serve: ", StringComparison.Ordinal) && !l.Contains("spool", StringComparison.Ordinal)) // spooled events are counted, and must all land
                .Select(l => "baton.log: " + l));
        }

        foreach (var problem in problems)
        {
            output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    private static void Measure(BenchContext context, Sandbox sandbox, (string FileName, string[] Leading) racer, List<string> problems)
    {
        var output = context.Output;
        var repo = GitFixture.Create(sandbox);
        var sessionId = Guid.NewGuid().ToString();
        var payload = Payloads.PostToolUseBash(sessionId, repo, sandbox.UserHome);
        var relay = HotPathSuite.RelayPath(context);
        var floorFile = Path.Combine(sandbox.Root, "floor.json");
        Variant[] Rows(string when) =>
        [
            new($"baton-relay PostToolUse (server answers), {when}", relay, ["--baton", context.Baton, "hook", "PostToolUse"], payload),
            new($"baton hook PostToolUse (own process), {when}", context.Baton, ["hook", "PostToolUse"], payload),
            new($"sh -c 'cat > FILE' (floor), {when}", "sh", ["-c", $"cat > '{floorFile}'"], payload),
        ];
        var runs = context.RunsOr(30);
        output.WriteLine($"relay:   {relay}");
        output.WriteLine($"setup:   payload {payload.Length:N0} bytes, cwd a dirty git repository, one session, {Warmups} warm-ups + {runs} runs per row, rows interleaved; "
            + $"writers: {Writers} racer processes, compare-and-set on one key in a loop, started after the idle rows");

        var idle = Rows("idle");
        Variant.RunRounds(idle, sandbox, repo, Warmups, runs);

        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            new Coordinator(store, TimeProvider.System).StoreData("race", "counter", "0", expectedVersion: 0, Actor);
        }

        var loaded = Rows($"beside {Writers} writers");
        var racers = Enumerable.Range(0, Writers)
            .Select(p => RacerProcess.Start(racer, sandbox, sandbox.Baton.DatabasePath, $"w{p}", "cas", "race", "counter", "100000000")).ToList();
        var writes = 0;
        try
        {
            RacerProcess.WaitAllReady(racers, ReadyTimeout);
            racers.ForEach(r => r.Go());
            Variant.RunRounds(loaded, sandbox, repo, Warmups, runs);
            if (racers.FirstOrDefault(r => r.HasExited) is { } gone)
            {
                problems.Add($"a writer exited while the hooks ran: {gone.Errors}");
            }
        }
        finally
        {
            foreach (var r in racers)
            {
                r.Kill();
                writes += r.Lines.Count(l => l.StartsWith("ok ", StringComparison.Ordinal));
                r.Dispose();
            }
        }

        var table = new Table("command", "runs", "median ms", "p95 ms", "min ms", "max ms");
        foreach (var row in idle.Concat(loaded))
        {
            table.AddTimings(row.Label, row.Samples);
        }

        table.AddRatios("relay: beside writers / idle", loaded[0].Samples, idle[0].Samples);
        table.AddRatios("baton hook: beside writers / idle", loaded[1].Samples, idle[1].Samples);
        table.AddRatios("floor: beside writers / idle", loaded[2].Samples, idle[2].Samples);
        table.AddRatios("relay / floor, beside writers", loaded[0].Samples, loaded[2].Samples);
        table.Write(output);

        // The next command replays whatever was spooled; then every hook of the runs (warm-ups too) is in the journal once, as
        // the session's activity (its first also changed its status, a journal entry of another type).
        var spooled = sandbox.BatonLogLines().Count(l => l.Contains("event spooled", StringComparison.Ordinal));
        ChildProcess.Run(context.Baton, ["ls", "--all"], sandbox, repo);
        var expected = 4 * (Warmups + runs);
        using var check = SqliteStore.Open(sandbox.Baton.DatabasePath);
        var recorded = check.ReadJournal(0, 1_000_000).Count(e => e.Subject == "session:" + sessionId && e.Type == JournalTypes.SessionActivity);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checked: {recorded} of {expected} hook events in the journal after the next command ({spooled} were spooled); the writers made {writes:N0} writes meanwhile"));
        if (recorded != expected)
        {
            problems.Add($"{recorded} of {expected} hook events are in the journal");
        }
    }
}
