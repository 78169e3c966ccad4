using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Hooks;

/// <summary>Runs the real <c>baton hook</c> process, as Claude Code does: JSON on stdin, exit code and output observed.</summary>
public sealed class HookProcessTests : IDisposable
{
    /// <summary>Claude Code's own limit for a hook (the installer registers 10 s); a hook must end well inside it.</summary>
    private static readonly TimeSpan ClaudeCodeHookTimeout = TimeSpan.FromSeconds(10);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public HookProcessTests() => _baton = new BatonCli(_sandbox);

    private string LogPath => Path.Combine(_sandbox.BatonHome, "logs", "baton.log");

    [Fact]
    public async Task A_hook_records_its_session_with_the_calling_process_and_git_facts()
    {
        var repo = GitRepository.Create(_sandbox.Root, "shop", "feature-cart");
        repo.MakeDirty();
        var input = new JsonObject
        {
            ["session_id"] = "5e55f00d-1234",
            ["hook_event_name"] = "PostToolUse",
            ["cwd"] = repo.Path,
            ["transcript_path"] = "/tmp/t.jsonl",
            ["tool_name"] = "Bash",
            ["tool_input"] = new JsonObject { ["command"] = "ls" },
            ["tool_response"] = new JsonObject { ["stdout"] = "a\nb" },
        };

        var result = await _baton.RunAsync(["hook", "PostToolUse"], input.ToJsonString());

        result.ExitCode.ShouldBe(0);
        result.StdOut.ShouldBeEmpty();
        var session = JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).StdOut)!.AsArray().Single()!;
        session["session_id"]!.GetValue<string>().ShouldBe("5e55f00d-1234");
        session["project"]!.GetValue<string>().ShouldBe("shop");
        session["branch"]!.GetValue<string>().ShouldBe("feature-cart");
        session["dirty"]!.GetValue<bool>().ShouldBeTrue();
        session["last_tool"]!.GetValue<string>().ShouldBe("Bash");
        session["pid"]!.GetValue<int>().ShouldBe(Environment.ProcessId, "the hook's parent is the process that ran it");
        session["status"]!.GetValue<string>().ShouldBe("running");
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "malformed JSON", "PostToolUse", "{\"session_id\": \"abc\", " },
        { "not an object", "PostToolUse", "[1, 2, 3]" },
        { "no session id", "PostToolUse", "{\"hook_event_name\": \"PostToolUse\"}" },
        { "unknown event", "Teleport", "{\"session_id\": \"abc\", \"hook_event_name\": \"Teleport\"}" },
        { "empty input", "SessionEnd", "" },
        { "a 1,000,000-character session id", "Stop", "{\"session_id\": \"" + new string('a', 1_000_000) + "\", \"hook_event_name\": \"Stop\"}" },
        { "a 201-character session id", "Stop", "{\"session_id\": \"" + new string('a', 201) + "\", \"hook_event_name\": \"Stop\"}" },
        { "a session id with NUL", "Stop", "{\"session_id\": \"abc\\u0000def\", \"hook_event_name\": \"Stop\"}" },
        { "a session id with ESC", "Stop", "{\"session_id\": \"abc\\u001b]52;c;eA==\\u0007\", \"hook_event_name\": \"Stop\"}" },
        { "a session id with a C1 CSI", "Stop", "{\"session_id\": \"abc\\u009b2J\", \"hook_event_name\": \"Stop\"}" },
        { "5 MB payload", "PostToolUse", "{\"session_id\": \"abc\", \"hook_event_name\": \"PostToolUse\", \"tool_response\": \"" + new string('x', 5 * 1024 * 1024) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_0_in_time_prints_nothing_logs_why_and_writes_no_row(string what, string eventName, string stdin)
    {
        var result = await _baton.RunAsync(["hook", eventName], stdin);

        result.ExitCode.ShouldBe(0, what);
        result.StdOut.ShouldBeEmpty(what);
        result.Elapsed.ShouldBeLessThan(ClaudeCodeHookTimeout, what);
        File.ReadAllText(LogPath).ShouldContain($"hook {eventName}:", customMessage: what);
        JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).StdOut)!.AsArray().Count.ShouldBe(0, what);
    }

    [Fact]
    public async Task An_unwritable_store_exits_0_and_logs_the_failure()
    {
        Directory.CreateDirectory(Path.Combine(_sandbox.BatonHome, "baton.db"));

        var result = await _baton.RunAsync(["hook", "Stop"], "{\"session_id\": \"abc\", \"hook_event_name\": \"Stop\"}");

        result.ExitCode.ShouldBe(0);
        result.StdOut.ShouldBeEmpty();
        result.Elapsed.ShouldBeLessThan(ClaudeCodeHookTimeout);
        File.ReadAllText(LogPath).ShouldContain("Cannot open the store");
    }

    [Fact]
    public async Task Git_is_asked_after_tools_that_write_and_at_the_end_of_a_turn_but_not_after_reads()
    {
        var repo = GitRepository.Create(_sandbox.Root, "shop", "main");
        string Input(string eventName, string? tool = null) =>
            new JsonObject { ["session_id"] = "61761761-0000", ["hook_event_name"] = eventName, ["cwd"] = repo.Path, ["tool_name"] = tool }.ToJsonString();
        async Task<string> Branch() =>
            JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).StdOut)!.AsArray().Single()!["branch"]!.GetValue<string>();

        await _baton.RunAsync(["hook", "PostToolUse"], Input("PostToolUse", "Bash"));
        repo.Git("checkout", "-q", "-b", "feature-y");
        await _baton.RunAsync(["hook", "PostToolUse"], Input("PostToolUse", "Read"));
        var afterRead = await Branch();
        await _baton.RunAsync(["hook", "Stop"], Input("Stop"));

        afterRead.ShouldBe("main", "a Read cannot change the branch, so git was not asked");
        (await Branch()).ShouldBe("feature-y");
    }

    [Fact]
    public async Task A_session_that_ends_gives_back_its_locks_and_claims()
    {
        const string session = "e4d5e4d5-0000-4000-8000-000000000000";
        var asSession = new Dictionary<string, string?> { ["CLAUDE_CODE_SESSION_ID"] = session };
        (await _baton.RunAsync(["hook", "SessionStart"], $"{{\"session_id\": \"{session}\", \"hook_event_name\": \"SessionStart\"}}")).ExitCode.ShouldBe(0);
        (await _baton.RunAsync(["lock", "acquire", "deploy", "--ttl", "3600"], environment: asSession)).ExitCode.ShouldBe(0);
        (await _baton.RunAsync(["queue", "add", "jobs", "{\"n\": 1}"])).ExitCode.ShouldBe(0);
        (await _baton.RunAsync(["queue", "claim", "jobs"], environment: asSession)).ExitCode.ShouldBe(0);

        var ended = await _baton.RunAsync(["hook", "SessionEnd"], $"{{\"session_id\": \"{session}\", \"hook_event_name\": \"SessionEnd\", \"reason\": \"logout\"}}");

        ended.ExitCode.ShouldBe(0);
        JsonNode.Parse((await _baton.RunAsync("lock", "ls", "--json")).StdOut)!.AsArray().Count.ShouldBe(0);
        JsonNode.Parse((await _baton.RunAsync("queue", "ls", "jobs", "--status", "pending", "--json")).StdOut)!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Baton_disable_makes_the_hook_a_no_op()
    {
        var result = await _baton.RunAsync(
            ["hook", "SessionStart"],
            "{\"session_id\": \"abc\", \"hook_event_name\": \"SessionStart\"}",
            environment: new Dictionary<string, string?> { ["BATON_DISABLE"] = "1" });

        result.ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(_sandbox.BatonHome, "baton.db")).ShouldBeFalse();
        File.Exists(LogPath).ShouldBeFalse();
    }

    [Fact]
    public async Task A_SessionEnd_from_another_process_while_the_sessions_claude_runs_changes_nothing()
    {
        using var claude = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            const string id = "11ve0000-0000-4000-8000-000000000001";
            using (var store = SandboxStore.Open(_sandbox))
            {
                new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).Record(new HookObservation
                {
                    SessionId = id,
                    EventName = HookEvents.SessionStart,
                    Order = HookEventOrder.Compose(ProcessTable.CurrentProcessStart(), HookEvents.SessionStart),
                    Process = ProcessTable.Identify(claude.Id).ShouldNotBeNull(),
                    At = DateTimeOffset.UtcNow,
                });
                new Coordinator(store, TimeProvider.System).AcquireLock("db", TimeSpan.FromMinutes(30), id, "migrating").Granted.ShouldBeTrue();
            }

            var forged = await _baton.RunAsync(["hook", "SessionEnd"], $"{{\"session_id\": \"{id}\", \"hook_event_name\": \"SessionEnd\", \"reason\": \"other\"}}");

            forged.ExitCode.ShouldBe(0);
            var session = JsonNode.Parse((await _baton.RunAsync("ls", "--all", "--json")).StdOut)!.AsArray().Single()!;
            session["status"]!.GetValue<string>().ShouldNotBe("exited");
            JsonNode.Parse((await _baton.RunAsync("lock", "ls", "--json")).StdOut)!.AsArray().ShouldHaveSingleItem()!["holder"]!.GetValue<string>().ShouldBe(id);
        }
        finally
        {
            claude.Kill();
        }
    }

    public void Dispose() => _sandbox.Dispose();
}
