using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>
/// 16 real <c>baton</c> CLI processes writing one store at once beside two busy loops that keep both cores of a small
/// machine busy: each waits its turn for the write lock (never the 10 s limit, never "database is locked"), so no command
/// fails, and the queue they fill and drain ends with every item claimed exactly once. It runs alone
/// (<see cref="CpuSaturatingTests"/>).
/// </summary>
[Collection(CpuSaturatingTests.Name)]
public sealed class CliWritersUnderLoadTests : IDisposable
{
    private const int Writers = 16;
    private const int ItemsPerWriter = 2;

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public CliWritersUnderLoadTests() => _baton = new BatonCli(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Sixteen_writers_beside_two_busy_loops_all_succeed_and_every_item_is_claimed_once()
    {
        (await _baton.RunAsync("ls", "--all")).EnsureSuccess("the store is made before the writers start");
        using var busy = BusyLoops.Start(2);

        var added = await Writing(writer => ["queue", "add", "work", $"{{\"writer\": {writer}}}", "--json"]);
        var claimed = await Writing(_ => ["queue", "claim", "work", "--json"]);

        var addedIds = added.Select(Id).ToList();
        addedIds.Distinct().Count().ShouldBe(Writers * ItemsPerWriter);
        claimed.Select(Id).Order().ShouldBe(addedIds.Order(), "every item was claimed, each exactly once");
        JsonNode.Parse((await _baton.RunAsync("queue", "ls", "work", "--status", "pending", "--json")).EnsureSuccess("queue ls").StdOut)!.AsArray()
            .ShouldBeEmpty();
    }

    private static long Id(ProcessResult result) => JsonNode.Parse(result.StdOut)!["id"]!.GetValue<long>();

    /// <summary>Runs <see cref="Writers"/> writers at once, each running its command <see cref="ItemsPerWriter"/> times in
    /// a row, and asserts that every command succeeded.</summary>
    private async Task<ProcessResult[]> Writing(Func<int, string[]> command)
    {
        var results = (await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            var own = new List<ProcessResult>();
            for (var i = 0; i < ItemsPerWriter; i++)
            {
                own.Add(await _baton.RunAsync(command(writer)));
            }

            return own;
        }))).SelectMany(own => own).ToArray();
        results.Where(r => r.ExitCode != 0).Select(r => $"exit {r.ExitCode}: {r.StdErr.Trim()}").ShouldBeEmpty("no command failed");
        return results;
    }
}
