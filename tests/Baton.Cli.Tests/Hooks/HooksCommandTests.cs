using System.Text.Json.Nodes;
using Baton.Core.Home;
using Baton.Testing;

namespace Baton.Cli.Tests.Hooks;

/// <summary><c>baton hooks …</c> run as the real program, so the hooks it writes call that very <c>baton</c>.</summary>
public sealed class HooksCommandTests : IDisposable
{
    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public HooksCommandTests() => _baton = new BatonCli(_sandbox);

    private string UserSettings => Path.Combine(_sandbox.Home, ".claude", "settings.json");

    private static string BesideRelay => Path.Combine(Path.GetDirectoryName(BatonCli.ExecutablePath)!, "baton-relay");

    [Fact]
    public async Task Install_dry_run_prints_the_merged_file_and_writes_nothing()
    {
        var result = await _baton.RunAsync(["hooks", "install", "--dry-run"], environment: new Dictionary<string, string?> { ["BATON_RELAY"] = null });

        result.ExitCode.ShouldBe(0);
        var hooks = JsonNode.Parse(result.StdOut)!["hooks"]!.AsObject();
        hooks.Select(h => h.Key).ShouldBe(
            ["SessionStart", "UserPromptSubmit", "PreToolUse", "PermissionRequest", "Notification", "PostToolUse", "Stop",
             "StopFailure", "SubagentStart", "SubagentStop", "TeammateIdle", "TaskCreated", "TaskCompleted", "SessionEnd"],
            ignoreOrder: true);
        var hook = hooks["Notification"]![0]!["hooks"]![0]!;
        hook["command"]!.GetValue<string>().ShouldBe(BesideRelay, "the relay built beside baton, called where it is (it needs its dll)");
        hook["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--baton", BatonCli.ExecutablePath, "hook", "Notification"]);
        hook["async"]!.GetValue<bool>().ShouldBeTrue();
        hooks["PreToolUse"]![0]!["hooks"]![0]!.AsObject().ContainsKey("async").ShouldBeFalse("PreToolUse runs synchronously: it may deny a write to a leased file");
        hooks["PostToolUse"]![0]!["hooks"]![0]!.AsObject().ContainsKey("async").ShouldBeFalse("PostToolUse runs synchronously: it hands over messages");
        var wake = hooks["Stop"]![1]!["hooks"]![0]!;
        wake["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--baton", BatonCli.ExecutablePath, "hook", "Stop", "--wake"]);
        wake["asyncRewake"]!.GetValue<bool>().ShouldBeTrue();
        File.Exists(UserSettings).ShouldBeFalse();
    }

    [Fact]
    public async Task A_native_relay_named_by_BATON_RELAY_is_copied_into_the_baton_home_and_called_there()
    {
        var native = _sandbox.CreateDirectory("relay-build");
        var relay = Path.Combine(native, "baton-relay");
        File.WriteAllBytes(relay, [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3]);
        var environment = new Dictionary<string, string?> { ["BATON_RELAY"] = relay };

        var installed = await _baton.RunAsync(["hooks", "install"], environment: environment);
        var again = await _baton.RunAsync(["hooks", "install"], environment: environment);
        var status = await _baton.RunAsync(["hooks", "status"], environment: environment);

        installed.EnsureSuccess("hooks install");
        var copy = Path.Combine(_sandbox.BatonHome, "bin", "baton-relay");
        File.ReadAllBytes(copy).ShouldBe(File.ReadAllBytes(relay));
        File.GetUnixFileMode(copy).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var hook = JsonNode.Parse(File.ReadAllText(UserSettings))!["hooks"]!["SessionEnd"]![0]!["hooks"]![0]!;
        hook["command"]!.GetValue<string>().ShouldBe(copy);
        hook["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["--baton", BatonCli.ExecutablePath, "hook", "SessionEnd"]);
        again.StdOut.ShouldStartWith("Nothing to change.");
        status.StdOut.ShouldContain("installed (14 events)");
    }

    [Fact]
    public async Task Install_status_and_uninstall_work_on_the_user_settings_file()
    {
        var installed = await _baton.RunAsync("hooks", "install");
        var stop = JsonNode.Parse(File.ReadAllText(UserSettings))!["hooks"]!["Stop"]![0]!["hooks"]![0]!;
        var status = await _baton.RunAsync("hooks", "status");
        var again = await _baton.RunAsync("hooks", "install");
        var removed = await _baton.RunAsync("hooks", "uninstall");

        installed.ExitCode.ShouldBe(0);
        installed.StdOut.ShouldContain(UserSettings);
        status.StdOut.ShouldContain($"user     {UserSettings}: installed (14 events)");
        var endpoint = LoopbackEndpoint.Read(new BatonHome(_sandbox.BatonHome)).ShouldNotBeNull("hooks install makes the server's endpoint");
        File.GetUnixFileMode(LoopbackEndpoint.PathIn(new BatonHome(_sandbox.BatonHome))).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        stop["url"]!.GetValue<string>().ShouldBe($"http://127.0.0.1:{endpoint.Port}/baton/hooks/Stop");
        again.StdOut.ShouldStartWith("Nothing to change.");
        removed.ExitCode.ShouldBe(0);
        File.Exists(UserSettings).ShouldBeFalse("install created it, and nothing but Baton's hooks was in it");
    }

    [Fact]
    public async Task A_settings_file_that_is_not_json_is_a_one_line_error_and_is_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(UserSettings)!);
        File.WriteAllText(UserSettings, "{ not json");

        var result = await _baton.RunAsync("hooks", "install");

        result.ExitCode.ShouldBe(2);
        result.StdErr.ShouldContain(UserSettings);
        result.StdErr.TrimEnd().Split('\n').Length.ShouldBe(1);
        File.ReadAllText(UserSettings).ShouldBe("{ not json");
    }

    [Fact]
    public async Task Doctor_reports_each_check_with_its_fix_and_fails_without_hooks()
    {
        var before = await _baton.RunAsync("doctor", "--json");
        await _baton.RunAsync("hooks", "install");
        var after = JsonNode.Parse((await _baton.RunAsync("doctor", "--json")).StdOut)!.AsArray();

        before.ExitCode.ShouldBe(1);
        var checks = JsonNode.Parse(before.StdOut)!.AsArray();
        checks.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["claude", "tmux", "hooks", "mcp", "server", "store", "integrity", "permissions"]);
        var hooks = checks.Single(c => c!["name"]!.GetValue<string>() == "hooks")!;
        hooks["state"]!.GetValue<string>().ShouldBe("fail");
        hooks["fix"]!.GetValue<string>().ShouldBe("baton hooks install");
        after.Single(c => c!["name"]!.GetValue<string>() == "hooks")!["state"]!.GetValue<string>().ShouldBe("ok");
        after.Single(c => c!["name"]!.GetValue<string>() == "store")!["state"]!.GetValue<string>().ShouldBe("ok");
    }

    [Fact]
    public async Task Doctor_warns_about_hooks_an_older_baton_installed_and_install_brings_them_up_to_date()
    {
        (await _baton.RunAsync("hooks", "install")).EnsureSuccess("hooks install");
        var settings = JsonNode.Parse(File.ReadAllText(UserSettings))!;
        var stop = settings["hooks"]!["Stop"]!.AsArray();
        stop.RemoveAt(stop.Count - 1);
        File.WriteAllText(UserSettings, settings.ToJsonString());

        var outdated = JsonNode.Parse((await _baton.RunAsync("doctor", "--json")).StdOut)!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "hooks")!;
        (await _baton.RunAsync("hooks", "install")).EnsureSuccess("hooks install again");
        var current = JsonNode.Parse((await _baton.RunAsync("doctor", "--json")).StdOut)!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "hooks")!;

        outdated["state"]!.GetValue<string>().ShouldBe("warn");
        outdated["detail"]!.GetValue<string>().ShouldContain("older baton");
        outdated["fix"]!.GetValue<string>().ShouldBe("baton hooks install");
        current["state"]!.GetValue<string>().ShouldBe("ok");
    }

    [Theory]
    [InlineData("2.1.332 (Claude Code)", "ok", null)]
    [InlineData("2.1.197 (Claude Code)", "ok", null)]
    [InlineData("2.9.0 (Claude Code)", "warn", "newer than 2.1.332, the newest release Baton was tested with")]
    [InlineData("2.0.50 (Claude Code)", "fail", "older than 2.1.197, the oldest release Baton supports")]
    public async Task Doctor_says_when_claude_is_outside_the_tested_range(string printed, string state, string? detail)
    {
        var environment = WithClaudePrinting(printed);

        var check = Check(JsonNode.Parse((await _baton.RunAsync(["doctor", "--json"], environment: environment)).StdOut)!.AsArray(), "claude");

        check["state"]!.GetValue<string>().ShouldBe(state);
        check["detail"]!.GetValue<string>().ShouldStartWith(printed);
        if (detail is not null)
        {
            check["detail"]!.GetValue<string>().ShouldContain(detail);
        }
    }

    [Fact]
    public async Task Doctor_says_whether_the_server_runs_and_how_fast_it_answers_hooks()
    {
        var stopped = Check(JsonNode.Parse((await _baton.RunAsync("doctor", "--json")).StdOut)!.AsArray(), "server");
        await using var server = await ResidentServerProcess.StartAsync(_sandbox);
        var payload = $$"""{"session_id": "d0c70000-0001", "hook_event_name": "SessionStart", "cwd": "{{_sandbox.Root}}"}""";
        (await _baton.RelayAsync(["SessionStart"], payload, baton: "/bin/false")).EnsureSuccess("relayed SessionStart");

        var running = Check(JsonNode.Parse((await _baton.RunAsync("doctor", "--json")).StdOut)!.AsArray(), "server");

        stopped["state"]!.GetValue<string>().ShouldBe("warn");
        stopped["fix"]!.GetValue<string>().ShouldBe("baton serve install");
        running["state"]!.GetValue<string>().ShouldBe("ok");
        running["detail"]!.GetValue<string>().ShouldStartWith($"pid {server.Pid} on ");
        running["detail"]!.GetValue<string>().ShouldContain("1 hook calls answered (0 as HTTP hooks) in ");
    }

    [Fact]
    public async Task Doctor_checks_that_claude_starts_this_batons_mcp_server()
    {
        var project = _sandbox.CreateDirectory("project");
        var missing = Check(JsonNode.Parse((await _baton.RunAsync(["doctor", "--json"], workingDirectory: project)).StdOut)!.AsArray(), "mcp");
        (await _baton.RunAsync(["mcp", "install", "--scope", "project"], workingDirectory: project)).EnsureSuccess("mcp install --scope project");
        var registered = Check(JsonNode.Parse((await _baton.RunAsync(["doctor", "--json"], workingDirectory: project)).StdOut)!.AsArray(), "mcp");
        File.WriteAllText(Path.Combine(_sandbox.Home, ".claude.json"), """{"mcpServers": {"baton": {"command": "/old/bin/baton", "args": ["mcp"]}}}""");
        var other = Check(JsonNode.Parse((await _baton.RunAsync(["doctor", "--json"], workingDirectory: project)).StdOut)!.AsArray(), "mcp");

        missing["state"]!.GetValue<string>().ShouldBe("fail");
        missing["fix"]!.GetValue<string>().ShouldBe("baton mcp install");
        registered["state"]!.GetValue<string>().ShouldBe("ok", registered.ToJsonString());
        registered["detail"]!.GetValue<string>().ShouldContain("project scope");
        other["state"]!.GetValue<string>().ShouldBe("warn");
        other["detail"]!.GetValue<string>().ShouldContain("/old/bin/baton mcp");
    }

    [Fact]
    public async Task Uninstall_removes_a_settings_file_install_created_and_comments_are_refused_naming_the_line()
    {
        (await _baton.RunAsync("hooks", "install")).EnsureSuccess("hooks install");
        File.Exists(UserSettings).ShouldBeTrue();

        var uninstall = await _baton.RunAsync("hooks", "uninstall");
        File.WriteAllText(UserSettings, "{\n  // mine\n  \"model\": \"opus\"\n}\n");
        var commented = await _baton.RunAsync("hooks", "install");

        uninstall.EnsureSuccess("hooks uninstall").StdOut.ShouldContain("Removed " + UserSettings);
        File.Exists(UserSettings).ShouldBeTrue("the test wrote it again");
        commented.ExitCode.ShouldBe(2);
        commented.StdErr.ShouldContain("has a comment on line 2");
        File.ReadAllText(UserSettings).ShouldContain("// mine");
    }

    [Theory]
    [InlineData("2.1.332 (Claude Code)", null, false, "through claude's messaging socket")]
    [InlineData("2.1.197 (Claude Code)", null, true, "claude 2.1.197 has no messaging socket")]
    [InlineData("2.1.332 (Claude Code)", "hooks", true, "--wake hooks")]
    [InlineData("2.1.197 (Claude Code)", "socket", false, "--wake socket")]
    public async Task Install_leaves_out_the_wake_hooks_where_claude_has_a_messaging_socket_and_doctor_expects_the_same(
        string printed, string? wake, bool wakeHooks, string said)
    {
        var environment = WithClaudePrinting(printed);

        var installed = await _baton.RunAsync(["hooks", "install", .. wake is null ? Array.Empty<string>() : ["--wake", wake]], environment: environment);
        var doctor = Check(JsonNode.Parse((await _baton.RunAsync(["doctor", "--json"], environment: environment)).StdOut)!.AsArray(), "hooks");

        installed.EnsureSuccess("hooks install").StdOut.ShouldContain(said);
        var hooks = JsonNode.Parse(File.ReadAllText(UserSettings))!["hooks"]!.AsObject();
        var wakes = hooks.SelectMany(e => e.Value!.AsArray().SelectMany(g => g!["hooks"]!.AsArray()))
            .Where(h => h!["args"] is JsonArray args && args.Any(a => a!.GetValue<string>() == "--wake")).ToList();
        wakes.Count.ShouldBe(wakeHooks ? 3 : 0);
        wakes.ShouldAllBe(h => h!["asyncRewake"]!.GetValue<bool>());
        hooks["Stop"]!.AsArray().Count.ShouldBe(wakeHooks ? 2 : 1, "the Stop that records the turn stays either way");
        // Doctor expects what install would write for this claude: the chosen route only when it is claude's own.
        var own = wake is null;
        doctor["state"]!.GetValue<string>().ShouldBe(own ? "ok" : "warn", doctor.ToJsonString());
        doctor["detail"]!.GetValue<string>().ShouldContain(own ? (wakeHooks ? "woken by wake hooks" : "woken through claude's messaging socket")
            : wakeHooks ? "with wake hooks, though claude 2.1.332 has a messaging socket" : "without wake hooks, though claude 2.1.197 has no messaging socket");
    }

    [Fact]
    public async Task Install_refuses_an_unknown_wake_route_and_writes_nothing()
    {
        var result = await _baton.RunAsync("hooks", "install", "--wake", "pigeon");

        result.ExitCode.ShouldNotBe(0);
        result.StdErr.ShouldContain("Unknown wake route 'pigeon'; use auto, socket or hooks.");
        File.Exists(UserSettings).ShouldBeFalse();
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>An environment whose PATH starts with a <c>claude</c> that prints <paramref name="printed"/> for <c>--version</c>.</summary>
    private Dictionary<string, string?> WithClaudePrinting(string printed)
    {
        var bin = _sandbox.CreateDirectory("bin");
        var claude = Path.Combine(bin, "claude");
        File.WriteAllText(claude, $"#!/bin/sh\necho '{printed}'\n");
        File.SetUnixFileMode(claude, (UnixFileMode)0b111_101_101);
        return new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };
    }

    private static JsonNode Check(JsonArray checks, string name) => checks.Single(c => c!["name"]!.GetValue<string>() == name)!;
}
