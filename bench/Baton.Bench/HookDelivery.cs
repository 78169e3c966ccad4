using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Bench;

/// <summary>
/// Part 1 of <c>messages</c>: from <c>baton send</c> to the message in the recipient's next hook output, all real
/// processes. A session is registered live by the real <c>baton hook SessionStart</c> (its parent, the bench, stands in for
/// <c>claude</c>). Then, per sample: start the clock, run <c>baton send SESSION BODY</c> to its exit, then
/// <c>baton hook PostToolUse</c> with a Read payload for that session; stop the clock at the first bytes of the hook's
/// stdout, which must be <c>{"hookSpecificOutput":{"hookEventName":"PostToolUse","additionalContext":"..."}}</c> holding the body.
/// </summary>
internal static class HookDelivery
{
    private const int Warmups = 3;

    /// <summary>Runs the part and prints its setup, table and checks.</summary>
    /// <param name="context">The suite's context.</param>
    /// <returns>What went wrong; empty when every check passed.</returns>
    public static List<string> Run(BenchContext context)
    {
        var output = context.Output;
        var runs = context.RunsOr(50);
        using var sandbox = Sandbox.Create();
        var repo = GitFixture.Create(sandbox);
        var sessionId = Guid.NewGuid().ToString();
        var payload = Payloads.PostToolUseRead(sessionId, repo, sandbox.UserHome);
        output.WriteLine("[1/2] baton send -> the recipient's next hook output (real processes, one after the other)");
        output.WriteLine($"setup:   one session registered by `baton hook SessionStart` (pid = the bench's, cwd {repo}); per sample "
            + $"`baton send SESSION BODY`, then `baton hook PostToolUse` with a Read payload ({payload.Length:N0} bytes) for that session; "
            + $"{Warmups} warm-ups + {runs} samples");

        var problems = new List<string>();
        var started = ChildProcess.Run(context.Baton, ["hook", "SessionStart"], sandbox, repo, Payloads.StatusEvent("SessionStart", sessionId, repo, sandbox.UserHome));
        if (started.ExitCode != 0 || started.Stdout.Length > 0 || started.Stderr.Length > 0)
        {
            problems.Add($"baton hook SessionStart exited {started.ExitCode}: {started.Stdout}{started.Stderr}".Trim());
            return problems;
        }

        var (total, send, hook, firstOutput) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var bodies = new List<string>();
        for (var k = 0; k < Warmups + runs; k++)
        {
            var body = MessagesSuite.Body(k);
            bodies.Add(body);
            var clock = Stopwatch.StartNew();
            var sent = ChildProcess.Run(context.Baton, ["send", sessionId, body], sandbox, repo);
            var hookStart = clock.Elapsed.TotalMilliseconds;
            var delivered = ChildProcess.Run(context.Baton, ["hook", "PostToolUse"], sandbox, repo, payload);
            var problem = sent.ExitCode != 0 ? $"baton send exited {sent.ExitCode}: {sent.Stderr.Trim()}" : Problem(delivered, body);
            if (problem is not null)
            {
                problems.Add($"sample {k}: {problem}");
                break;
            }

            if (k >= Warmups)
            {
                total.Add(hookStart + delivered.FirstStdoutMilliseconds!.Value);
                send.Add(sent.Milliseconds);
                hook.Add(delivered.Milliseconds);
                firstOutput.Add(delivered.FirstStdoutMilliseconds.Value);
            }
        }

        var table = Table.ForTimings("send -> next hook output");
        table.AddTimings("total: send start -> hook stdout holds it", total);
        table.AddTimings("baton send process (start -> exit)", send);
        table.AddTimings("baton hook PostToolUse (start -> exit)", hook);
        table.AddTimings("hook start -> its stdout (the message)", firstOutput);
        table.Write(output);

        if (problems.Count == 0)
        {
            problems.AddRange(InboxCheck.Delivered(context, sandbox, sessionId, bodies));
        }

        problems.AddRange(sandbox.BatonLogLines().Select(line => "baton.log: " + line));
        output.WriteLine(problems.Count == 0
            ? $"checked: every hook printed one PostToolUse additionalContext holding its sample's message and no other; "
                + $"`baton inbox --json` shows all {bodies.Count} delivered once; no baton.log"
            : "checked: problems below");
        return problems;
    }

    /// <summary>What is wrong with a hook's output: it must be one PostToolUse context holding <paramref name="body"/>, one message.</summary>
    private static string? Problem(ChildResult hook, string body)
    {
        if (hook.ExitCode != 0 || hook.Stderr.Length > 0 || hook.FirstStdoutMilliseconds is null)
        {
            return $"baton hook PostToolUse exited {hook.ExitCode} with stdout '{hook.Stdout.Trim()}', stderr '{hook.Stderr.Trim()}'";
        }

        try
        {
            var output = JsonNode.Parse(hook.Stdout)?["hookSpecificOutput"];
            var text = (string?)output?["additionalContext"] ?? "";
            return (string?)output?["hookEventName"] == "PostToolUse" && text.Contains(body, StringComparison.Ordinal)
                && MessagesSuite.BodiesIn(text) == 1
                ? null
                : $"the hook's output does not hand over exactly this sample's message: {hook.Stdout.Trim()}";
        }
        catch (JsonException e)
        {
            return $"the hook's output is not JSON ({e.Message}): {hook.Stdout.Trim()}";
        }
    }
}
