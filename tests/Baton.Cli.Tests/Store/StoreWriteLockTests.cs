using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Journal;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Store;

/// <summary>
/// Another process holds the SQLite store's write lock (the sqlite3 shell inside <c>BEGIN IMMEDIATE</c>), running or
/// stopped as Ctrl-Z stops it: the real hooks, in <c>baton hook</c> processes and through the relay and the resident server,
/// exit 0 without their event, spool it and log who holds the lock; <c>baton doctor</c> names the holder; once it lets go
/// the next hook replays the spooled events in order, each exactly once.
/// </summary>
public sealed class StoreWriteLockTests : IDisposable
{
    private const string Holder = "5a5a5a5a-0000-4000-8000-000000000001";
    private const string Later = "5b5b5b5b-0000-4000-8000-000000000002";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public StoreWriteLockTests() => _baton = new BatonCli(_sandbox);

    private BatonHome Home => new(_sandbox.BatonHome);

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Hook_processes_spool_behind_a_held_write_lock_and_the_first_hook_after_it_lets_go_replays_them_once()
    {
        (await Hook(Holder, "SessionStart")).EnsureSuccess("SessionStart before the lock is taken");
        using var writer = await HoldWriteLock();

        var held = await Task.WhenAll(Hook(Holder, "UserPromptSubmit"), Hook(Holder, "PostToolUse"), Hook(Holder, "PostToolUse"));

        foreach (var result in held)
        {
            result.ExitCode.ShouldBe(0);
            result.StdOut.ShouldBeEmpty();
        }

        var log = File.ReadAllText(Home.LogPath);
        log.ShouldContain($"held by `sqlite3 {Home.DatabasePath}` pid {writer.Pid}", Case.Sensitive, log);
        Directory.GetFiles(Path.Combine(Home.Root, "spool")).Count(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ShouldBe(3, log);

        writer.Release();
        (await Hook(Later, "SessionStart")).EnsureSuccess("the first hook after the lock is free");

        File.ReadAllText(Home.LogPath).ShouldContain("replayed 3 spooled hook event(s)");
        Directory.GetFiles(Path.Combine(Home.Root, "spool")).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ShouldBeEmpty();
        AssertEachEventOnce(Holder, events: 4);
    }

    [Fact]
    public async Task A_stopped_holder_is_named_by_doctor_and_relayed_hooks_spool_behind_it_until_it_resumes()
    {
        await using var server = await ResidentServerProcess.StartAsync(_sandbox);
        (await Relay(Holder, "SessionStart")).EnsureSuccess("SessionStart before the lock is taken");
        using var writer = await HoldWriteLock();
        writer.Stop();

        var held = await Task.WhenAll(Relay(Holder, "UserPromptSubmit"), Relay(Holder, "PostToolUse"));
        var doctor = await _baton.RunAsync("doctor");

        foreach (var result in held)
        {
            result.ExitCode.ShouldBe(0);
            result.StdOut.ShouldBeEmpty();
        }

        doctor.ExitCode.ShouldNotBe(0, doctor.StdOut);
        doctor.StdOut.ShouldContain($"pid {writer.Pid} (stopped)");
        doctor.StdOut.ShouldContain($"kill -CONT {writer.Pid}");
        doctor.StdOut.ShouldMatch(@"2\s+hook\s+event\(s\)\s+spooled\s+behind\s+it,\s+the\s+first\s+\d+s\s+ago");
        File.ReadAllText(Home.LogPath).ShouldContain($"pid {writer.Pid} (stopped)");
        server.HasExited.ShouldBeFalse();

        writer.Release();
        (await Relay(Later, "SessionStart")).EnsureSuccess("the first relayed hook after the holder resumed");

        await Eventually.Until(() => Entries(Holder).Count >= 3, Patience, "the server replays both spooled events");
        AssertEachEventOnce(Holder, events: 3);
    }

    /// <summary>Starts the sqlite3 shell on the sandbox's store inside <c>BEGIN IMMEDIATE</c> and waits until a write from
    /// this process is refused.</summary>
    private async Task<SqliteShellWriter> HoldWriteLock()
    {
        var writer = SqliteShellWriter.Begin(Home.DatabasePath);
        await Eventually.Until(IsWriteLockHeld, Patience, "sqlite3 holds the store's write lock");
        return writer;
    }

    private bool IsWriteLockHeld()
    {
        using var store = SqliteStore.Open(Home.DatabasePath, writeLockWait: TimeSpan.Zero);
        try
        {
            store.CheckWritable();
            return false;
        }
        catch (Core.Storage.StoreException e) when (e.IsTransient)
        {
            return true;
        }
    }

    private List<JournalEntry> Entries(string sessionId)
    {
        using var store = SqliteStore.Open(Home.DatabasePath);
        return [.. store.QueryJournal(new JournalQuery(TypePattern: "session.*", Actor: sessionId, Limit: 1000))];
    }

    /// <summary>The session's journal has one entry per event, and no spooled event's id twice (a <c>baton hook</c> process
    /// writes its event ahead to the spool, so its live entry has an id too).</summary>
    private void AssertEachEventOnce(string sessionId, int events)
    {
        var entries = Entries(sessionId);
        var text = string.Join(" | ", entries.Select(e => e.Data));
        entries.Count.ShouldBe(events, text);
        var ids = entries.Select(e => JsonNode.Parse(e.Data!)!["spool_id"]?.GetValue<string>()).OfType<string>().ToList();
        ids.Distinct().Count().ShouldBe(ids.Count, text);
    }

    private static string Input(string sessionId, string eventName, string cwd) => new JsonObject
    {
        ["session_id"] = sessionId,
        ["hook_event_name"] = eventName,
        ["cwd"] = cwd,
        ["transcript_path"] = "/tmp/t.jsonl",
        ["prompt"] = "go",
        ["tool_name"] = eventName == "PostToolUse" ? "Read" : null,
    }.ToJsonString();

    private Task<ProcessResult> Hook(string sessionId, string eventName) =>
        _baton.RunAsync(["hook", eventName], Input(sessionId, eventName, _sandbox.Root));

    private Task<ProcessResult> Relay(string sessionId, string eventName) =>
        _baton.RelayAsync([eventName], Input(sessionId, eventName, _sandbox.Root));
}
