using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Testing;

namespace Baton.Cli.Tests.Coordination;

/// <summary>The coordination commands through the real <c>baton</c> program, acting as sessions via CLAUDE_CODE_SESSION_ID.</summary>
public sealed class CoordinationProcessTests : IDisposable
{
    private const string Alice = "aaaa1111-0000-4000-8000-000000000001";
    private const string Bob = "bbbb2222-0000-4000-8000-000000000002";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly BatonCli _baton;

    public CoordinationProcessTests() => _baton = new BatonCli(_sandbox);

    [Fact]
    public async Task A_session_holding_a_lock_refuses_another_session_with_exit_1_naming_it()
    {
        var granted = await As(Alice, "lock", "acquire", "deploy", "--json");
        var refused = await As(Bob, "lock", "acquire", "deploy");
        var human = await _baton.RunAsync("lock", "ls", "--json");

        granted.EnsureSuccess("alice acquires");
        JsonNode.Parse(granted.StdOut)!["lock"]!["holder"]!.GetValue<string>().ShouldBe(Alice);
        refused.ExitCode.ShouldBe(1);
        refused.StdErr.ShouldStartWith($"baton: Lock 'deploy' is held by {Alice} since ");
        refused.StdErr.TrimEnd().ShouldNotContain("\n");
        JsonNode.Parse(human.StdOut)!.AsArray().Single()!["holder"]!.GetValue<string>().ShouldBe(Alice);
    }

    [Fact]
    public async Task A_change_made_as_another_session_names_the_process_that_made_it()
    {
        // Alice takes a lock; another process claims to be Alice (CLAUDE_CODE_SESSION_ID) and releases it.
        var token = JsonNode.Parse((await As(Alice, "lock", "acquire", "deploy", "--json")).EnsureSuccess("alice acquires").StdOut)!["lock"]!["token"]!.GetValue<long>();
        (await As(Alice, "lock", "release", "deploy", token.ToString(CultureInfo.InvariantCulture))).EnsureSuccess("the impostor releases");

        var events = JsonNode.Parse((await _baton.RunAsync("events", "--type", "lock.*", "--json")).StdOut)!.AsArray();

        events.Select(e => e!["actor"]!.GetValue<string>()).ShouldBe([Alice, Alice], "the journal records the id that was claimed");
        var origins = events.Select(e => e!["origin"]!.GetValue<string>()).ToList();
        origins.ShouldAllBe(o => System.Text.RegularExpressions.Regex.IsMatch(o, $@"^{Environment.UserName}@[^\[]+\[\d+\]$"));
        origins.Distinct().Count().ShouldBe(2, "and beside it the OS user, host and pid of each process that made a change");
    }

    [Fact]
    public async Task A_value_read_from_stdin_is_stored_with_the_session_as_writer_and_a_stale_write_names_it()
    {
        var set = await _baton.RunAsync(["state", "set", "issue:42", "plan", "-"], stdin: "{\"steps\": 3}\n", environment: Session(Alice));
        var stale = await As(Bob, "state", "set", "issue:42", "plan", "\"mine\"", "--expected-version", "0");
        var got = JsonNode.Parse((await _baton.RunAsync("state", "get", "issue:42", "plan", "--json")).StdOut)!;

        set.EnsureSuccess("set from stdin");
        stale.ExitCode.ShouldBe(1);
        stale.StdErr.ShouldContain($"written by {Alice}");
        got["value"]!["steps"]!.GetValue<int>().ShouldBe(3);
        got["writer"]!.GetValue<string>().ShouldBe(Alice);
    }

    [Fact]
    public async Task A_bare_word_is_a_one_line_error_with_exit_2()
    {
        // A state value must be JSON (a queue item may be plain text, taken as a string).
        var result = await _baton.RunAsync("state", "set", "s", "k", "build");

        result.ExitCode.ShouldBe(2);
        result.StdOut.ShouldBeEmpty();
        result.StdErr.TrimEnd().ShouldNotContain("\n");
        result.StdErr.ShouldContain("""'"build"'""");
    }

    [Fact]
    public async Task Events_follow_prints_an_entry_appended_while_it_runs_and_stops_cleanly_on_sigterm()
    {
        (await _baton.RunAsync("state", "set", "s", "before", "1")).EnsureSuccess("first write");
        using var follow = Start("events", "--follow", "--follow-seconds", "60", "--type", "state.*", "--json");
        var lines = new List<string>();
        var errors = follow.StandardError.ReadToEndAsync();
        var reader = Task.Run(async () =>
        {
            while (await follow.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        bool exited;
        try
        {
            await Eventually.Until(() => Seen(lines, "before"), TimeSpan.FromSeconds(30), "follow printed the entry that was already there");
            (await As(Alice, "state", "set", "s", "after", "2")).EnsureSuccess("write while following");
            await Eventually.Until(() => Seen(lines, "after"), TimeSpan.FromSeconds(10), "follow printed the entry appended while it ran");
            ProcessRunner.Run("kill", ["-TERM", follow.Id.ToString(CultureInfo.InvariantCulture)]).EnsureSuccess("kill -TERM");
            exited = follow.WaitForExit(10_000);
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (!follow.HasExited)
            {
                follow.Kill(entireProcessTree: true);
            }
        }

        (await errors).ShouldBeEmpty();
        exited.ShouldBeTrue("follow stops on SIGTERM");
        follow.ExitCode.ShouldBe(0);
        List<JsonNode> entries;
        lock (lines)
        {
            entries = lines.Select(l => JsonNode.Parse(l)!).ToList();
        }

        entries.Select(e => e["data"]!["key"]!.GetValue<string>()).ShouldBe(["before", "after"]);
        entries[1]["actor"]!.GetValue<string>().ShouldBe(Alice);
    }

    public void Dispose() => _sandbox.Dispose();

    private static Dictionary<string, string?> Session(string id) => new(StringComparer.Ordinal) { ["CLAUDE_CODE_SESSION_ID"] = id };

    private static bool Seen(List<string> lines, string key)
    {
        lock (lines)
        {
            return lines.Any(l => l.Contains($"\"key\":\"{key}\"", StringComparison.Ordinal));
        }
    }

    private Task<ProcessResult> As(string session, params string[] args) => _baton.RunAsync(args, environment: Session(session));

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(BatonCli.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _sandbox.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        ProcessRunner.ApplyEnvironment(start.Environment, _baton.Environment());
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
