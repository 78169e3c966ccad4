using System.Diagnostics;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary>
/// The resident server (<c>baton serve</c>) and <c>baton-relay</c> as real processes: what happens when no server runs,
/// when a second one starts, when its socket goes, when a relay waiting for a wake goes away, and when the server stops
/// under a waiting wake hook. This test process stands in for claude (the hooks' parent).
/// </summary>
public sealed class ResidentServerTests : IAsyncLifetime
{
    private const string SessionId = "5e7e0000-0000-4000-8000-0000000000aa";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;
    private readonly List<ResidentServerProcess> _servers = [];

    public ResidentServerTests() => _baton = new BatonCli(_sandbox);

    private string SocketPath => Path.Combine(_sandbox.BatonHome, "baton.sock");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        // A server a relay started stops when its socket is gone with the sandbox; stop it first all the same.
        await _baton.RunAsync("serve", "stop");
        _sandbox.Dispose();
    }

    [Fact]
    public async Task With_no_server_the_relay_records_the_call_through_baton_hook_and_starts_a_server_that_answers_the_next()
    {
        var first = await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"));

        first.EnsureSuccess("relayed SessionStart").StdOut.ShouldBeEmpty();
        Session()["status"]!.GetValue<string>().ShouldBe("waiting_input", "baton hook recorded the call the relay could not hand over");
        Session()["pid"]!.GetValue<int>().ShouldBe(Environment.ProcessId, "the session's process is the relay's parent, not the relay");
        await Eventually.Until(async () => (await _baton.RunAsync("serve", "status")).ExitCode == 0, Patience, "the relay started a server");

        (await _baton.RelayAsync(["Stop"], Payload("Stop"), baton: "/bin/false")).EnsureSuccess("relayed Stop");

        Session()["status"]!.GetValue<string>().ShouldBe("waiting_input");
        var status = JsonNode.Parse((await _baton.RunAsync("serve", "status", "--json")).EnsureSuccess("serve status").StdOut)!;
        status["hooks"]!.GetValue<long>().ShouldBe(1);
        File.GetUnixFileMode(SocketPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task With_autostart_off_the_relay_records_the_call_and_starts_no_server()
    {
        var result = await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"), environment: new Dictionary<string, string?> { ["BATON_SERVE_AUTOSTART"] = "0" });

        result.EnsureSuccess("relayed SessionStart");
        Session()["status"]!.GetValue<string>().ShouldBe("waiting_input");
        File.Exists(SocketPath).ShouldBeFalse();
    }

    [Fact]
    public async Task The_server_runs_itself_again_in_place_with_tiered_compilation_off()
    {
        var server = await Start();

        var status = (await server.StatusAsync()).ShouldNotBeNull();
        status["pid"]!.GetValue<int>().ShouldBe(server.Pid, "the process started is the one serving, its program replaced");
        File.ReadAllText($"/proc/{server.Pid}/environ").Split('\0').ShouldContain("DOTNET_TieredCompilation=0");
        File.ReadAllText($"/proc/{server.Pid}/cmdline").Split('\0').ShouldContain("serve", "with the arguments it was started with");
    }

    [Fact]
    public async Task A_second_server_for_the_same_home_is_refused_with_exit_1_naming_the_first()
    {
        var first = await Start();

        var second = await _baton.RunAsync("serve");

        second.ExitCode.ShouldBe(1);
        second.StdErr.Trim().ShouldBe($"baton: A Baton server already runs for this BATON_HOME (pid {first.Pid}, socket {SocketPath}).");
        (await first.StatusAsync()).ShouldNotBeNull("the first server still answers");
    }

    [Fact]
    public async Task The_server_stops_when_its_socket_is_removed()
    {
        var server = await Start();

        File.Delete(SocketPath);

        await server.WaitForExitAsync();
        server.HasExited.ShouldBeTrue();
    }

    [Fact]
    public async Task A_server_with_an_idle_exit_stays_while_a_session_only_it_can_wake_rests_and_stops_once_its_claude_is_gone()
    {
        // Given a claude (a sleep stands in) that claude's registry shows idle at its prompt, with a messaging socket
        using var claude = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var folder = Directory.CreateDirectory(Path.Combine(_sandbox.Home, ".claude", "sessions")).FullName;
        File.WriteAllText(Path.Combine(folder, $"{claude.Id}.json"), new JsonObject
        {
            ["pid"] = claude.Id,
            ["sessionId"] = SessionId,
            ["cwd"] = _sandbox.Root,
            ["kind"] = "interactive",
            ["status"] = "idle",
            ["messagingSocketPath"] = Path.Combine(_sandbox.Root, "cc.sock"),
            ["updatedAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["statusUpdatedAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }.ToJsonString());

        // When a server that stops after a second without calls runs, and has read that entry
        var server = await Start("--idle-exit", "1");
        await Eventually.Until(
            async () => JsonNode.Parse((await _baton.RunAsync("ls", "--json")).StdOut) is JsonArray { Count: 1 } sessions
                && sessions[0]!["status"]!.GetValue<string>() == "waiting_input",
            Patience,
            "the server read the registry entry");

        // Then it stays through several of its idle looks (every 2 s), since no wake hook waits for that session
        await Task.Delay(TimeSpan.FromSeconds(7));
        server.HasExited.ShouldBeFalse("a server that stopped could not wake the resting session for a message");

        // And once that claude is gone, it stops by itself
        claude.Kill();
        await claude.WaitForExitAsync();
        await server.WaitForExitAsync();
        server.HasExited.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wake_call_ends_in_the_server_when_its_relay_goes_away()
    {
        var server = await Start();
        await IdleSession();
        var relay = StartRelay(["Stop", "--wake"], Payload("Stop"));
        await Eventually.Until(async () => (await server.StatusAsync())?["waiting_wakes"]?.GetValue<int>() == 1, Patience, "the server holds the wake call");

        relay.Kill();

        await Eventually.Until(async () => (await server.StatusAsync())?["waiting_wakes"]?.GetValue<int>() == 0, Patience, "the server let the wake call go");
    }

    [Fact]
    public async Task When_the_server_stops_under_a_waiting_wake_call_the_relays_own_baton_hook_takes_over_and_wakes_the_session()
    {
        await Start();
        await IdleSession();
        var wake = _baton.RelayAsync(["Stop", "--wake"], Payload("Stop"), environment: new Dictionary<string, string?> { ["BATON_SERVE_AUTOSTART"] = "0" });
        await Eventually.Until(async () => JsonNode.Parse((await _baton.RunAsync("serve", "status", "--json")).StdOut is { Length: > 0 } json ? json : "{}")?["waiting_wakes"]?.GetValue<int>() == 1, Patience, "the server holds the wake call");

        (await _baton.RunAsync("serve", "stop")).EnsureSuccess("serve stop");
        await Task.Delay(1000);
        wake.IsCompleted.ShouldBeFalse("the relay waits on in a baton hook process of its own");
        (await _baton.RunAsync("send", SessionId[..8], "Still there?")).EnsureSuccess("baton send");

        var woke = await wake.WaitAsync(Patience);
        woke.ExitCode.ShouldBe(2, woke.StdErr);
        woke.StdErr.ShouldContain("Still there?");
    }

    [Fact]
    public async Task A_bash_call_is_answered_before_git_is_read_and_the_dirty_state_follows()
    {
        var repository = GitRepository.Create(_sandbox.Root, "repo");
        await Start();
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart", repository.Path), baton: "/bin/false")).EnsureSuccess("SessionStart");
        Session()["dirty"]!.GetValue<bool>().ShouldBeFalse();

        repository.MakeDirty();
        (await _baton.RelayAsync(["PostToolUse"], Payload("PostToolUse", repository.Path), baton: "/bin/false")).EnsureSuccess("PostToolUse");

        await Eventually.Until(() => Session()["dirty"]!.GetValue<bool>(), Patience, "the server recorded the dirty tree after answering");
    }

    [Fact]
    public async Task In_a_burst_of_bash_calls_git_is_read_after_the_last_one_too()
    {
        var repository = GitRepository.Create(_sandbox.Root, "repo");
        await Start();
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart", repository.Path), baton: "/bin/false")).EnsureSuccess("SessionStart");
        for (var i = 0; i < 5; i++)
        {
            (await _baton.RelayAsync(["PostToolUse"], Payload("PostToolUse", repository.Path), baton: "/bin/false")).EnsureSuccess("PostToolUse");
        }

        // The probes of the burst are coalesced (at most one a second): the change made by the burst's last call is read all the same.
        repository.MakeDirty();
        (await _baton.RelayAsync(["PostToolUse"], Payload("PostToolUse", repository.Path), baton: "/bin/false")).EnsureSuccess("last PostToolUse");

        await Eventually.Until(() => Session()["dirty"]!.GetValue<bool>(), Patience, "the server read git after the burst's last call");
    }

    [Fact]
    public async Task A_burst_of_32_hook_calls_at_once_is_recorded_whole_by_the_server()
    {
        await Start();

        var calls = Enumerable.Range(1, 32).Select(i => _baton.RelayAsync(
            ["SessionStart"],
            new JsonObject { ["session_id"] = $"b0257000-0000-4000-8000-{i:000000000000}", ["hook_event_name"] = "SessionStart", ["cwd"] = _sandbox.Root }.ToJsonString(),
            baton: "/bin/false"));
        var results = await Task.WhenAll(calls);

        results.ShouldAllBe(r => r.ExitCode == 0, "the server answered every call (the relay's fallback is /bin/false)");
        var sessions = JsonNode.Parse((await _baton.RunAsync("ls", "--json")).EnsureSuccess("ls").StdOut)!.AsArray();
        sessions.Select(s => s!["session_id"]!.GetValue<string>()).Distinct().Count().ShouldBe(32);
        File.Exists(Path.Combine(_sandbox.BatonHome, "logs", "baton.log")).ShouldBeTrue("the server logged its start");
        File.ReadAllLines(Path.Combine(_sandbox.BatonHome, "logs", "baton.log")).ShouldAllBe(line => line.Contains(" serve: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Started_in_a_folder_with_many_subfolders_the_server_and_its_page_watch_none_of_them()
    {
        // A user service starts in the home folder and a relay in the session's project: neither is the server's to watch.
        for (var i = 0; i < 60; i++)
        {
            Directory.CreateDirectory(Path.Combine(_sandbox.Root, "tree", $"d{i}", "sub"));
        }

        var server = await ResidentServerProcess.StartAsync(_sandbox, "--web");
        _servers.Add(server);
        await IdleSession();

        InotifyWatches(server.Pid).ShouldBeLessThan(20, "one watch per folder under the working directory would be over 120");
    }

    /// <summary>How many inotify watches a process holds, over all its inotify instances (Linux <c>/proc/PID/fdinfo</c>).</summary>
    private static int InotifyWatches(int pid) =>
        Directory.EnumerateFiles($"/proc/{pid}/fdinfo")
            .Sum(info => File.ReadLines(info).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal)));

    private async Task<ResidentServerProcess> Start(params string[] serveArguments)
    {
        var server = await ResidentServerProcess.StartAsync(_sandbox, serveArguments);
        _servers.Add(server);
        return server;
    }

    private async Task IdleSession()
    {
        (await _baton.RelayAsync(["SessionStart"], Payload("SessionStart"), baton: "/bin/false")).EnsureSuccess("SessionStart");
        (await _baton.RelayAsync(["Stop"], Payload("Stop"), baton: "/bin/false")).EnsureSuccess("Stop");
    }

    private Process StartRelay(string[] hookArgs, string payload)
    {
        var start = new ProcessStartInfo(BatonCli.RelayPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--baton", "/bin/false", "hook", .. hookArgs])
        {
            start.ArgumentList.Add(argument);
        }

        ProcessRunner.ApplyEnvironment(start.Environment, _baton.Environment());
        var process = Process.Start(start)!;
        process.StandardInput.Write(payload);
        process.StandardInput.Close();
        return process;
    }

    private JsonNode Session() =>
        JsonNode.Parse(_baton.RunAsync("ls", "--json").GetAwaiter().GetResult().EnsureSuccess("ls").StdOut)!.AsArray().ShouldHaveSingleItem()!;

    private string Payload(string eventName, string? cwd = null)
    {
        var payload = new JsonObject
        {
            ["session_id"] = SessionId,
            ["hook_event_name"] = eventName,
            ["cwd"] = cwd ?? _sandbox.Root,
            ["transcript_path"] = "/tmp/t.jsonl",
        };
        if (eventName == "PostToolUse")
        {
            payload["tool_name"] = "Bash";
            payload["tool_input"] = new JsonObject { ["command"] = "touch new.txt" };
        }

        return payload.ToJsonString();
    }
}
