using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Storage.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Baton.Bench.CoordinationSuite;

namespace Baton.Bench;

/// <summary>
/// The <c>coordination</c> suite's second part: the real <c>baton mcp</c> (the apphost beside the bench) started by the
/// ModelContextProtocol SDK's <see cref="StdioClientTransport"/> in the sandbox, acting as a fixed session id, and timed
/// <c>tools/call</c> round trips of <c>store_data</c>, <c>retrieve_data</c> and <c>claim_next</c>, one call at a time.
/// </summary>
internal static class CoordinationMcp
{
    /// <summary>The session the server acts as (<c>CLAUDE_CODE_SESSION_ID</c>): fixed, so runs are alike.</summary>
    public const string SessionId = "b47c0000-0000-4000-8000-000000000001";

    private const int Warmups = 50;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the part and prints its section.</summary>
    /// <param name="context">The suite's context.</param>
    /// <param name="sandbox">The sandbox: the server's HOME and BATON_HOME.</param>
    /// <returns>Failed checks; empty when all passed or when the part was skipped (it says so).</returns>
    public static List<string> Run(BenchContext context, Sandbox sandbox)
    {
        var serverErrors = new List<string>();
        try
        {
            return RunAsync(context, sandbox, serverErrors).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string tail;
            lock (serverErrors)
            {
                tail = string.Join(" | ", serverErrors.TakeLast(5));
            }

            context.Output.WriteLine("checked: problems below");
            return [$"mcp: {e.GetType().Name}: {e.Message} (server stderr: {tail})"];
        }
    }

    private static async Task<List<string>> RunAsync(BenchContext context, Sandbox sandbox, List<string> serverErrors)
    {
        var output = context.Output;
        var runs = context.RunsOr(1000);
        var total = Warmups + runs;
        output.WriteLine("[2/3] through the MCP server: `baton mcp` on stdio, the SDK's client");
        var help = ChildProcess.Run(context.Baton, ["mcp", "--help"], sandbox, sandbox.Root);
        if (help.ExitCode != 0 || !help.Stdout.Contains("baton mcp", StringComparison.Ordinal))
        {
            // An unknown command with --help prints the root's help and exits 0, so look for the command's own usage line.
            output.WriteLine($"skipped: this baton has no `mcp` command yet (`baton mcp --help` exited {help.ExitCode} without "
                + "`baton mcp` in its usage); nothing measured");
            return [];
        }

        // The queue is filled before the server starts, in the store the server opens.
        Directory.CreateDirectory(sandbox.Baton.Root);
        using (var store = SqliteStore.Open(sandbox.Baton.DatabasePath))
        {
            var coordinator = new Coordinator(store, TimeProvider.System);
            for (var i = 0; i < total; i++)
            {
                coordinator.Enqueue(WorkQueue, string.Create(CultureInfo.InvariantCulture, $"{{\"task\":{i},\"file\":\"src/file{i}.cs\"}}"), "bench");
            }
        }

        var values = Enumerable.Range(0, Keys).Select(Value).ToArray();
        output.WriteLine($"setup:   {context.Baton} mcp, HOME and BATON_HOME in the sandbox, CLAUDE_CODE_SESSION_ID={SessionId} (no other CLAUDE* variable); "
            + $"store_data writes {values[0].Length:N0}-byte JSON values unconditionally over {Keys} keys of one scope, retrieve_data reads them, "
            + $"claim_next (lease_seconds 300) from a queue pre-filled with {total:N0} items; one call at a time, {Warmups} warm-ups + {runs:N0} timed calls per row; "
            + "time = CallToolAsync start to result, JSON-RPC over the pipes included");

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value;
        }

        sandbox.ApplyTo(environment);
        environment["CLAUDE_CODE_SESSION_ID"] = SessionId;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "baton",
            Command = context.Baton,
            Arguments = ["mcp"],
            WorkingDirectory = sandbox.Root,
            InheritEnvironmentVariables = false,
            EnvironmentVariables = environment,
            StandardErrorLines = line =>
            {
                lock (serverErrors)
                {
                    serverErrors.Add(line);
                }
            },
        });

        var problems = new List<string>();
        var connectClock = Stopwatch.StartNew();
        using var connectTimeout = new CancellationTokenSource(CallTimeout);
        var client = await McpClient.CreateAsync(transport, cancellationToken: connectTimeout.Token).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            connectClock.Stop();
            var tools = (await client.ListToolsAsync(cancellationToken: connectTimeout.Token).ConfigureAwait(false)).Select(t => t.Name).ToHashSet();
            var missing = new[] { "store_data", "retrieve_data", "claim_next" }.Where(t => !tools.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                output.WriteLine($"skipped: the server has no {string.Join(", ", missing)} tool");
                return [$"mcp: the server lists no {string.Join(", ", missing)} tool"];
            }

            output.WriteLine($"startup: {BenchContext.Ms(connectClock.Elapsed.TotalMilliseconds)} ms from starting `baton mcp` to the end of the "
                + $"initialize handshake (server {client.ServerInfo?.Name} {client.ServerInfo?.Version}, protocol {client.NegotiatedProtocolVersion}); {tools.Count} tools");

            var valueElements = values.Select(v => JsonDocument.Parse(v).RootElement.Clone()).ToArray();
            var store = await Time(client, total, i => Call("store_data", new() { ["scope"] = Text(Scope), ["key"] = Text(Key(i)), ["value"] = valueElements[i % Keys] })).ConfigureAwait(false);
            var retrieve = await Time(client, total, i => Call("retrieve_data", new() { ["scope"] = Text(Scope), ["key"] = Text(Key(i)) })).ConfigureAwait(false);
            var claim = await Time(client, total, _ => Call("claim_next", new() { ["queue"] = Text(WorkQueue), ["lease_seconds"] = Number(Lease.TotalSeconds) })).ConfigureAwait(false);

            var table = new Table("tools/call", "calls", "calls/s", "p50 ms", "p99 ms", "max ms");
            AddRow(table, "store_data (1 KiB value, 100 keys)", store.Micros, Millis);
            AddRow(table, "retrieve_data (same keys)", retrieve.Micros, Millis);
            AddRow(table, "claim_next (lease 300 s)", claim.Micros, Millis);
            table.Write(output);

            problems.AddRange(Check(store, retrieve, claim, values, total));

            // While the server still runs: it may give its claims back when it signs off at exit.
            using var check = SqliteStore.Open(sandbox.Baton.DatabasePath);
            var claimed = check.ListQueue(WorkQueue, QueueItemStatus.Claimed, 100_000);
            var pending = check.ListQueue(WorkQueue, QueueItemStatus.Pending, 100_000).Count;
            if (claimed.Count != total || pending != 0 || claimed.Any(item => item.Claimer != SessionId))
            {
                problems.Add($"mcp: the store holds {claimed.Count} items claimed (of {total}), {pending} pending, claimers {string.Join(",", claimed.Select(c => c.Claimer).Distinct())}");
            }

            var badVersions = Enumerable.Range(0, Keys).Count(k => check.GetState(Scope, Key(k)) is not { } e || e.Version != Enumerable.Range(0, total).Count(i => i % Keys == k) || e.Writer != SessionId);
            if (badVersions > 0)
            {
                problems.Add($"mcp: {badVersions} keys are not at the version of their write count with writer {SessionId}");
            }
        }

        List<string> errors;
        lock (serverErrors)
        {
            errors = [.. serverErrors.Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("crit", StringComparison.Ordinal))];
        }

        problems.AddRange(errors.Take(5).Select(l => "mcp: the server logged: " + l));
        problems.AddRange(sandbox.BatonLogLines().Take(5).Select(l => "mcp: baton.log: " + l));
        output.WriteLine(problems.Count == 0
            ? $"checked: no call failed; every store_data answered the key's next version; every retrieve_data returned the value written; "
                + $"{total:N0} claim_next calls got {total:N0} distinct items, stored as claimed by {SessionId}; no error logged, no baton.log"
            : "checked: problems below");
        return problems;
    }

    private static string Millis(double micros) => BenchContext.Ms(micros / 1000);

    private static CallToolRequestParams Call(string tool, Dictionary<string, JsonElement> arguments) => new() { Name = tool, Arguments = arguments };

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value);

    private static JsonElement Number(double value) => JsonSerializer.SerializeToElement(value);

    /// <summary>Calls a tool <paramref name="total"/> times, one at a time; the first <see cref="Warmups"/> are not timed.</summary>
    private static async Task<(List<double> Micros, List<CallToolResult> Results)> Time(McpClient client, int total, Func<int, CallToolRequestParams> request)
    {
        var requests = Enumerable.Range(0, total).Select(request).ToList();
        var micros = new List<double>(total - Warmups);
        var results = new List<CallToolResult>(total);
        for (var i = 0; i < total; i++)
        {
            using var timeout = new CancellationTokenSource(CallTimeout);
            var start = Stopwatch.GetTimestamp();
            var result = await client.CallToolAsync(requests[i], timeout.Token).ConfigureAwait(false);
            if (i >= Warmups)
            {
                micros.Add(Since(start));
            }

            results.Add(result);
        }

        return (micros, results);
    }

    private static List<string> Check(
        (List<double> Micros, List<CallToolResult> Results) store,
        (List<double> Micros, List<CallToolResult> Results) retrieve,
        (List<double> Micros, List<CallToolResult> Results) claim,
        string[] values,
        int total)
    {
        var problems = new List<string>();
        var written = new int[Keys];
        for (var i = 0; i < total; i++)
        {
            var answer = Answer(store.Results[i]);
            written[i % Keys]++;
            if (answer?["version"]?.GetValue<long>() != written[i % Keys])
            {
                problems.Add($"mcp: store_data call {i} answered {Describe(store.Results[i])}");
                break;
            }
        }

        for (var i = 0; i < total; i++)
        {
            var answer = Answer(retrieve.Results[i]);
            if (answer?["exists"]?.GetValue<bool>() != true || !SameJson(answer["value"]?.ToJsonString(), values[i % Keys]))
            {
                problems.Add($"mcp: retrieve_data call {i} answered {Describe(retrieve.Results[i])}");
                break;
            }
        }

        var ids = new HashSet<long>();
        for (var i = 0; i < total; i++)
        {
            var answer = Answer(claim.Results[i]);
            if (answer?["claimed"]?.GetValue<bool>() != true || !ids.Add(answer["item"]!["id"]!.GetValue<long>()))
            {
                problems.Add($"mcp: claim_next call {i} answered {Describe(claim.Results[i])}");
                break;
            }
        }

        return problems;
    }

    private static JsonNode? Answer(CallToolResult result) =>
        result.IsError == true ? null : JsonNode.Parse(string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text)));

    private static string Describe(CallToolResult result)
    {
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        return (result.IsError == true ? "an error: " : "") + (text.Length > 300 ? text[..300] + "..." : text);
    }
}
