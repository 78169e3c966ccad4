using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Testing;

namespace Baton.Bench;

/// <summary>
/// <c>taskwake</c>: from a blocker's completion to the waiting idle session's new model request. A real interactive
/// <c>claude</c> named bob (<see cref="ClaudeSession"/>, Baton's hooks installed) runs against the tests'
/// <see cref="ScriptedModelServer"/>. Per sample, in a list of its own (<c>wake-K</c>, so no earlier sample's task is
/// told): a person adds and claims the blocker, adds the waiting task, bob claims it (<c>baton tasks claim</c> as bob) and
/// a person makes it wait for the blocker; once bob's wake hook is armed (<see cref="WakeLatency.Arm"/>) the clock starts
/// and a person runs <c>baton tasks done</c> on the blocker; the sample ends when the model server receives bob's request
/// naming the waiting task. The path measured is the one every task notice takes (<c>TaskNotices</c> read by the wake hook),
/// Baton's lists and Claude Code's native ones (<c>task.native</c>) alike.
/// </summary>
internal static class TaskWakeLatency
{
    private const string Name = "bob";
    private const int Warmups = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan WakeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the suite and prints its setup, table and checks.</summary>
    /// <param name="context">The suite's context.</param>
    /// <returns>Whether every check passed.</returns>
    public static bool Run(BenchContext context)
    {
        context.WriteHeader("a blocker's completion to the waiting idle claude session's new model request (woken by its wake hook)");
        var problems = Measure(context);
        foreach (var problem in problems)
        {
            context.Output.WriteLine("FAILED CHECK: " + problem);
        }

        return problems.Count == 0;
    }

    private static List<string> Measure(BenchContext context)
    {
        var output = context.Output;
        var runs = context.RunsOr(20);
        if (TmuxServer.Version() is not { } tmuxVersion)
        {
            return ["tmux is not installed (the suite runs claude in tmux)"];
        }

        try
        {
            _ = ClaudeCli.ExecutablePath;
        }
        catch (FileNotFoundException e)
        {
            return [e.Message];
        }

        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        output.WriteLine($"setup:   `baton hooks install`; `baton new --detach --name {Name}` in {tmuxVersion} against the scripted model server; "
            + $"{Warmups} warm-ups + {runs} samples, each in a list of its own, the clock started once bob's wake hook was armed");
        ClaudeCli.PrepareHome(sandbox.UserHome, ClaudeCli.FakeApiKey, repo);
        ChildProcess.Check(sandbox, repo, context.Baton, "hooks", "install");
        var model = ScriptedModelServer.StartAsync().GetAwaiter().GetResult();
        using var tmux = TmuxServer.Create(sandbox, "default");
        var problems = new List<string>();
        var total = new List<double>();
        var done = new List<double>();
        try
        {
            using var session = ClaudeSession.Start(context, sandbox, tmux, model.BaseUrl, repo, Name, "BOB-TASK: stand by for tasks.");
            var bob = session.WaitFor(s => (string?)s["status"] == "waiting_input", StartTimeout, "reach waiting_input after its first turn");
            var (bobId, claudePid) = ((string)bob["session_id"]!, (int)bob["pid"]!);
            var used = new HashSet<ProcessIdentity>();
            for (var k = 0; k < Warmups + runs; k++)
            {
                var list = string.Create(CultureInfo.InvariantCulture, $"wake-{k:000}");
                var waiting = string.Create(CultureInfo.InvariantCulture, $"bench waiting task {k:000}");
                var blocker = Id(ChildProcess.Check(sandbox, repo, context.Baton, "tasks", "add", list, "bench blocker", "--json"));
                ChildProcess.Check(sandbox, repo, context.Baton, "tasks", "claim", list, blocker);
                var task = Id(ChildProcess.Check(sandbox, repo, context.Baton, "tasks", "add", list, waiting, "--json"));
                var claimed = ChildProcess.Run(context.Baton, ["tasks", "claim", list, task], sandbox, repo, extra: new Dictionary<string, string> { ["CLAUDE_CODE_SESSION_ID"] = bobId });
                if (claimed.ExitCode != 0)
                {
                    problems.Add($"sample {k}: bob's claim exited {claimed.ExitCode}: {claimed.Stderr.Trim()}");
                    break;
                }

                ChildProcess.Check(sandbox, repo, context.Baton, "tasks", "block", list, task, "--by", blocker);
                WakeLatency.Arm(session, claudePid, used);
                var start = DateTime.UtcNow;
                var completed = ChildProcess.Run(context.Baton, ["tasks", "done", list, blocker], sandbox, repo);
                if (completed.ExitCode != 0)
                {
                    problems.Add($"sample {k}: baton tasks done exited {completed.ExitCode}: {completed.Stderr.Trim()}");
                    break;
                }

                RecordedRequest request;
                try
                {
                    request = model.WaitForRequestAsync(r => r.HasTools && r.Body.Contains($"'{waiting}', yours, is now ready", StringComparison.Ordinal), WakeTimeout)
                        .GetAwaiter().GetResult();
                }
                catch (TimeoutException)
                {
                    problems.Add($"sample {k}: no model request named {list}#{task} ready within {WakeTimeout.TotalSeconds:0} s of `baton tasks done`");
                    break;
                }

                if (k >= Warmups)
                {
                    total.Add((request.TimeUtc - start).TotalMilliseconds);
                    done.Add(completed.Milliseconds);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            problems.Add(e.Message);
        }
        finally
        {
            model.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var table = Table.ForTimings("blocker done -> woken request");
        table.AddTimings("total: `baton tasks done` start -> bob's request", total);
        table.AddTimings("`baton tasks done` process (start -> exit)", done);
        table.Write(output);
        output.WriteLine(problems.Count == 0
            ? "checked: every completion woke bob, idle at his prompt, with a request naming his task now ready"
            : "checked: problems below");
        return problems;
    }

    private static string Id(string json) => JsonNode.Parse(json)!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
}
