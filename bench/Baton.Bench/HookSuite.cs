using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Bench;

/// <summary>
/// <c>hook</c>: whole-process time of <c>baton hook PostToolUse</c> (a Bash tool use, ~8 KB payload on stdin, a real dirty
/// git repository as cwd), all runs for one session, beside <c>BATON_DISABLE=1</c> (runtime start-up, no work), the git
/// command the hook runs, and the floor <c>sh -c 'cat &gt; FILE'</c> with the same payload.
/// </summary>
internal static class HookSuite
{
    private const int Warmups = 3;

    public static bool Run(BenchContext context)
    {
        var output = context.Output;
        context.WriteHeader("whole-process time of `baton hook PostToolUse` vs `sh -c 'cat > FILE'`, payload on stdin");
        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        var sessionId = Guid.NewGuid().ToString();
        var payload = Payloads.PostToolUseBash(sessionId, repo, sandbox.UserHome);
        var floorFile = Path.Combine(sandbox.Root, "floor.json");
        var hook = new Variant("baton hook PostToolUse", context.Baton, ["hook", "PostToolUse"], payload);
        var disabled = new Variant("baton hook, BATON_DISABLE=1", context.Baton, ["hook", "PostToolUse"], payload,
            new Dictionary<string, string> { ["BATON_DISABLE"] = "1" });
        var git = new Variant("git status (the hook's git probe)", "git", ["status", "--porcelain=v2", "--branch", "--untracked-files=normal"],
            Extra: new Dictionary<string, string> { ["GIT_OPTIONAL_LOCKS"] = "0" });
        var floor = new Variant("sh -c 'cat > FILE' (floor)", "sh", ["-c", $"cat > '{floorFile}'"], payload);
        var runs = context.RunsOr(50);
        output.WriteLine($"setup:   payload {payload.Length:N0} bytes, cwd {repo} (git, branch main, dirty), one session, "
            + $"{Warmups} warm-ups + {runs} runs per row, rows interleaved");

        Variant.RunRounds([hook, disabled, git, floor], sandbox, repo, Warmups, runs, (variant, result) =>
        {
            if ((variant == hook || variant == disabled) && (result.Stdout.Length > 0 || result.Stderr.Length > 0))
            {
                throw new InvalidOperationException($"'{variant.Label}' printed output: {result.Stdout}{result.Stderr}");
            }
        });

        var problems = Verify(sandbox, sessionId, repo, Warmups + runs);
        var table = new Table("command", "runs", "median ms", "p95 ms", "min ms", "max ms");
        foreach (var variant in new[] { hook, disabled, git, floor })
        {
            table.AddTimings(variant.Label, variant.Samples);
        }

        table.AddRatios("ratio hook / floor", hook.Samples, floor.Samples);
        table.Write(output);
        output.WriteLine(problems.Count == 0
            ? $"checked: the store holds the session with {Warmups + runs} journal entries, branch main, dirty, pid = the bench's; no baton.log"
            : string.Join(Environment.NewLine, problems.Select(p => "FAILED CHECK: " + p)));

        return problems.Count == 0;
    }

    /// <summary>A hook exits 0 even when it records nothing, so check the store and the log after the runs.</summary>
    private static List<string> Verify(Sandbox sandbox, string sessionId, string repo, int expectedEvents)
    {
        var problems = sandbox.BatonLogLines().Select(line => "baton.log: " + line).ToList();
        using var store = SqliteStore.Open(sandbox.Baton.DatabasePath);
        var session = store.GetSession(sessionId);
        var journal = store.ReadJournal(0, 100_000).Count(e => e.Subject == "session:" + sessionId);
        if (session is null)
        {
            problems.Add("the session was not recorded");
            return problems;
        }

        if (session.LastEvent != HookEvents.PostToolUse || session.LastTool != "Bash" || session.Branch != "main"
            || session.Dirty != true || session.ProjectRoot != repo || session.Pid != Environment.ProcessId)
        {
            problems.Add($"unexpected session: last {session.LastEvent}/{session.LastTool}, branch {session.Branch}, dirty {session.Dirty}, "
                + $"root {session.ProjectRoot}, pid {session.Pid} (bench {Environment.ProcessId})");
        }

        if (journal != expectedEvents)
        {
            problems.Add($"{journal} journal entries for the session, expected {expectedEvents}");
        }

        return problems;
    }
}
