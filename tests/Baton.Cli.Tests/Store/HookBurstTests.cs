using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>
/// 32 real <c>baton hook</c> processes started at once (16 sessions, a SessionStart and a PostToolUse each) beside two busy
/// loops that keep both cores of a small machine busy: the hooks race for the store's write lock and for the CPU, some
/// spool their events or run out of time, and after the next Baton command every event is in the store exactly once.
/// It runs alone (<see cref="CpuSaturatingTests"/>): its busy loops and 32 processes would starve the other tests' hooks.
/// </summary>
[Collection(CpuSaturatingTests.Name)]
public sealed class HookBurstTests : IDisposable
{
    private const int Sessions = 16;

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public HookBurstTests() => _baton = new BatonCli(_sandbox);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Every_event_of_a_32_hook_burst_beside_two_busy_loops_is_in_the_store_once_after_the_next_command()
    {
        (await _baton.RunAsync("ls", "--all")).EnsureSuccess("the store is made before the burst");
        using var busy = BusyLoops.Start(2);
        var ids = Enumerable.Range(0, Sessions).Select(i => $"b0b0b0b0-0000-4000-8000-{i:D12}").ToList();

        var burst = await Task.WhenAll(ids.SelectMany(id => new[] { Hook(id, "SessionStart"), Hook(id, "PostToolUse") }));
        var next = await _baton.RunAsync("ls", "--all", "--json");

        burst.ShouldAllBe(result => result.ExitCode == 0);
        next.EnsureSuccess("the next command");
        var log = File.ReadAllText(new BatonHome(_sandbox.BatonHome).LogPath);
        Directory.GetFiles(Path.Combine(_sandbox.BatonHome, "spool")).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            .ShouldBeEmpty("the next command replayed what was spooled: " + log);
        var listed = JsonNode.Parse(next.StdOut)!.AsArray().Select(s => s!["session_id"]!.GetValue<string>()).ToHashSet();
        ids.Where(id => !listed.Contains(id)).ShouldBeEmpty(log);
        using var store = SqliteStore.Open(new BatonHome(_sandbox.BatonHome).DatabasePath);
        foreach (var id in ids)
        {
            var entries = store.QueryJournal(new JournalQuery(TypePattern: "session.*", Actor: id, Limit: 100));
            entries.Count.ShouldBe(2, $"{id}: the SessionStart and the PostToolUse, each once: {string.Join(" | ", entries.Select(e => e.Data))}\n{log}");
        }
    }

    private Task<ProcessResult> Hook(string sessionId, string eventName) => _baton.RunAsync(
        ["hook", eventName],
        new JsonObject
        {
            ["session_id"] = sessionId,
            ["hook_event_name"] = eventName,
            ["cwd"] = _sandbox.Root,
            ["transcript_path"] = "/tmp/t.jsonl",
            ["source"] = "startup",
            ["tool_name"] = eventName == "PostToolUse" ? "Read" : null,
        }.ToJsonString());
}
