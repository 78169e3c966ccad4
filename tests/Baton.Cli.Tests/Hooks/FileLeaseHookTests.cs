using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Storage.Sqlite;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Cli.Tests.Hooks;

/// <summary>
/// The file lease check of the real <c>baton hook PreToolUse</c> process: hook input JSON on stdin, a store seeded with a
/// lease held by another session (alive: its process is this test's) of the same project, the printed JSON observed.
/// </summary>
public sealed class FileLeaseHookTests : IDisposable
{
    private const string Holder = "a11ce000-0000-4000-8000-000000000001";
    private const string Writer = "b0b00000-0000-4000-8000-000000000002";

    private readonly ITestOutputHelper _output;
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly GitRepository _repo;

    public FileLeaseHookTests(ITestOutputHelper output)
    {
        _output = output;
        _baton = new BatonCli(_sandbox);
        _repo = GitRepository.Create(_sandbox.Root, "shop");
        Directory.CreateDirectory(Path.Combine(_repo.Path, "src"));
        RegisterSession(Holder, _repo.Path, name: "alice");
    }

    private string DatabasePath => Path.Combine(_sandbox.BatonHome, "baton.db");

    [Fact]
    public async Task Enforce_denies_an_edit_of_a_file_another_session_leases_naming_the_holder_reason_and_expiry()
    {
        var expires = Lease("file:src/app.cs", Holder, "refactoring the cart");
        SetMode(FileLeaseMode.Enforce);

        var checkedFrom = DateTimeOffset.UtcNow;
        var (result, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = Path.Combine(_repo.Path, "src", "app.cs") });
        var checkedTo = DateTimeOffset.UtcNow;

        result.ExitCode.ShouldBe(0);
        var hook = output.ShouldNotBeNull()["hookSpecificOutput"]!;
        hook["hookEventName"]!.GetValue<string>().ShouldBe("PreToolUse");
        hook["permissionDecision"]!.GetValue<string>().ShouldBe("deny");
        // The hook checked between the two instants; the expiry carries its date when that is another UTC day than the check's.
        hook["permissionDecisionReason"]!.GetValue<string>().ShouldBeOneOf(
            [.. new[] { checkedFrom, checkedTo }.Select(now =>
                $"alice (a11ce000) holds a lease on src/app.cs (refactoring the cart; until {Until(expires, now)} UTC); ask them, or wait.")]);
        hook.AsObject().ContainsKey("additionalContext").ShouldBeFalse();
    }

    [Fact]
    public async Task Warn_is_the_default_and_lets_the_edit_through_with_the_text_as_context()
    {
        Lease("file:src/**", Holder, "moving files");

        var (_, output) = await PreToolUse("Write", new JsonObject { ["file_path"] = "src/new/file.cs" });

        var hook = output.ShouldNotBeNull()["hookSpecificOutput"]!;
        hook["hookEventName"]!.GetValue<string>().ShouldBe("PreToolUse");
        hook.AsObject().ContainsKey("permissionDecision").ShouldBeFalse("warn makes no permission decision");
        var context = hook["additionalContext"]!.GetValue<string>();
        context.ShouldStartWith("Warning from Baton: alice (a11ce000) holds a lease on src/**, which covers src/new/file.cs (moving files; until ");
        context.ShouldEndWith("the tool call went ahead; check with the holder before changing these files further.");
    }

    [Fact]
    public async Task Off_prints_nothing()
    {
        Lease("file:src/app.cs", Holder, "mine");
        SetMode(FileLeaseMode.Off);

        var (result, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });

        output.ShouldBeNull();
        result.StdOut.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_holders_own_edit_passes()
    {
        Lease("file:src/app.cs", Holder, "mine");
        SetMode(FileLeaseMode.Enforce);

        var (result, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" }, session: Holder);

        output.ShouldBeNull();
        result.StdOut.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_lease_held_in_another_project_does_not_count()
    {
        var other = GitRepository.Create(_sandbox.Root, "other");
        const string stranger = "c0ffee00-0000-4000-8000-000000000003";
        RegisterSession(stranger, other.Path, name: null);
        Lease("file:src/app.cs", stranger, "their own src/app.cs");
        SetMode(FileLeaseMode.Enforce);

        var (_, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });

        output.ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_lease_does_not_count()
    {
        using (var store = SqliteStore.Open(DatabasePath, new FixedClock(DateTimeOffset.UtcNow.AddHours(-1))))
        {
            new Coordinator(store, TimeProvider.System).AcquireLock("file:src/app.cs", TimeSpan.FromMinutes(5), Holder, "long ago")
                .Granted.ShouldBeTrue();
        }

        SetMode(FileLeaseMode.Enforce);

        var (_, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });

        output.ShouldBeNull();
    }

    [Fact]
    public async Task A_bash_redirect_into_a_leased_file_is_denied_and_a_guess_is_not()
    {
        Lease("file:src/app.cs", Holder, "refactoring");
        SetMode(FileLeaseMode.Enforce);

        var (_, redirect) = await PreToolUse("Bash", new JsonObject { ["command"] = "cd src && echo 'class App {}' > app.cs" });
        var (_, guess) = await PreToolUse("Bash", new JsonObject { ["command"] = "echo x > \"$TARGET\" && cat src/app.cs" });
        var (_, tree) = await PreToolUse("Bash", new JsonObject { ["command"] = "rm -rf src" });

        redirect.ShouldNotBeNull()["hookSpecificOutput"]!["permissionDecision"]!.GetValue<string>().ShouldBe("deny");
        guess.ShouldBeNull("a path that only the shell knows is never blocked on");
        tree.ShouldNotBeNull()["hookSpecificOutput"]!["permissionDecisionReason"]!.GetValue<string>().ShouldContain("which covers src");
    }

    [Fact]
    public async Task The_edit_is_still_recorded_and_other_tools_print_nothing()
    {
        Lease("file:src/app.cs", Holder, "refactoring");
        SetMode(FileLeaseMode.Enforce);

        var (_, read) = await PreToolUse("Read", new JsonObject { ["file_path"] = "src/app.cs" });
        await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });

        read.ShouldBeNull();
        using var store = SqliteStore.Open(DatabasePath);
        var session = store.GetSession(Writer).ShouldNotBeNull();
        session.LastTool.ShouldBe("Edit");
        session.Status.ShouldBe(SessionStatus.Running);
    }

    [Fact]
    public async Task A_broken_store_lets_the_edit_through_and_logs_why()
    {
        Lease("file:src/app.cs", Holder, "refactoring");
        SetMode(FileLeaseMode.Enforce);
        File.Delete(DatabasePath + "-wal");
        File.Delete(DatabasePath + "-shm");
        File.WriteAllText(DatabasePath, "this is not a database");

        var (result, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });

        result.ExitCode.ShouldBe(0);
        output.ShouldBeNull();
        File.ReadAllText(Path.Combine(_sandbox.BatonHome, "logs", "baton.log")).ShouldContain("hook PreToolUse:");
    }

    [Fact]
    public async Task Among_many_leases_each_check_finds_the_one_covering_the_file()
    {
        for (var i = 0; i < 20; i++)
        {
            Lease($"file:lib/f{i}.cs", Holder, "filler");
        }

        Lease("file:src/app.cs", Holder, "refactoring");
        SetMode(FileLeaseMode.Enforce);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var (_, output) = await PreToolUse("Edit", new JsonObject { ["file_path"] = "src/app.cs" });
            times.Add(watch.Elapsed.TotalMilliseconds);
            output.ShouldNotBeNull()["hookSpecificOutput"]!["permissionDecisionReason"]!.GetValue<string>().ShouldContain("src/app.cs (refactoring;");
        }

        // Its cost is measured in bench/ (the hook and hotpath suites), never asserted here: a loaded machine is slow.
        _output.WriteLine($"baton hook PreToolUse with a denial, wall time per run (ms): {string.Join(", ", times.Select(t => t.ToString("0")))}");
    }

    public void Dispose() => _sandbox.Dispose();

    private async Task<(ProcessResult Result, JsonNode? Output)> PreToolUse(string tool, JsonObject toolInput, string session = Writer)
    {
        var input = new JsonObject
        {
            ["session_id"] = session,
            ["hook_event_name"] = "PreToolUse",
            ["cwd"] = _repo.Path,
            ["transcript_path"] = "/tmp/t.jsonl",
            ["tool_name"] = tool,
            ["tool_input"] = toolInput,
            ["tool_use_id"] = "toolu_01",
        };
        var result = await _baton.RunAsync(["hook", "PreToolUse"], input.ToJsonString());
        result.ExitCode.ShouldBe(0);
        _output.WriteLine($"{tool} {toolInput.ToJsonString()} -> {result.StdOut.Trim()}");
        return (result, result.StdOut.Trim() is { Length: > 0 } json ? JsonNode.Parse(json) : null);
    }

    /// <summary>Records a session of this (live) test process working in <paramref name="cwd"/>, with git facts.</summary>
    private void RegisterSession(string sessionId, string cwd, string? name)
    {
        _sandbox.BatonHome.ShouldNotBeNull();
        using var store = SqliteStore.Open(DatabasePath);
        var registry = new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System);
        registry.Record(new HookObservation
        {
            SessionId = sessionId,
            EventName = HookEvents.SessionStart,
            Order = HookEventOrder.Compose(ProcessTable.CurrentProcessStart(), HookEvents.SessionStart),
            Cwd = cwd,
            Process = new ProcessIdentity(ThisProcess.HostName, Environment.ProcessId, ProcessTable.CurrentProcessStart()),
            Git = new GitFacts(cwd, "main", false),
            At = DateTimeOffset.UtcNow,
        });
        if (name is not null)
        {
            registry.Rename(sessionId, name, SessionRegistry.HumanActor);
        }
    }

    /// <summary>An expiry as a check at <paramref name="now"/> names it: the UTC time, after the date when it is another UTC day.</summary>
    private static string Until(DateTimeOffset expires, DateTimeOffset now) =>
        expires.UtcDateTime.Date == now.UtcDateTime.Date ? $"{expires.UtcDateTime:HH:mm:ss}" : $"{expires.UtcDateTime:yyyy-MM-dd HH:mm:ss}";

    private DateTimeOffset Lease(string resource, string holder, string reason)
    {
        using var store = SqliteStore.Open(DatabasePath);
        var attempt = new Coordinator(store, TimeProvider.System).AcquireLock(resource, TimeSpan.FromMinutes(30), holder, reason);
        attempt.Granted.ShouldBeTrue();
        return attempt.Lock.ExpiresAt.ToUniversalTime();
    }

    private void SetMode(FileLeaseMode mode)
    {
        using var store = SqliteStore.Open(DatabasePath);
        FileLeaseSettings.Write(new Coordinator(store, TimeProvider.System), _repo.Path, mode, SessionRegistry.HumanActor);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
