using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Cli.Tests.CommandLine;

/// <summary>The real <c>baton</c> run without a terminal (standard input a pipe, outside tmux), where <c>attach</c> and
/// <c>new</c> cannot attach: one line, no stack trace, a non-zero exit, and nothing started.</summary>
public sealed class NoTerminalTests : IDisposable
{
    private const string SessionId = "7e4a1000-0000-4000-8000-000000000001";

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly TmuxServer _tmux = new();
    private readonly BatonCli _baton;

    public NoTerminalTests() => _baton = new BatonCli(_sandbox);

    [Fact]
    public async Task Attach_without_a_terminal_says_so_in_one_line_without_a_stack_trace()
    {
        // Given a live session in a real tmux pane
        var work = _sandbox.CreateDirectory("work");
        _tmux.NewSession("pane", work, ["sleep", "600"]);
        var pane = _tmux.Run(["display-message", "-p", "-t", "pane", "#{pane_id}"]).EnsureSuccess("pane id").StdOut.Trim();
        var socket = _tmux.Run(["display-message", "-p", "-t", "pane", "#{socket_path}"]).EnsureSuccess("socket path").StdOut.Trim();
        using (var store = SandboxStore.Open(_sandbox))
        {
            new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).Record(new HookObservation
            {
                SessionId = SessionId,
                EventName = HookEvents.SessionStart,
                Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HookEvents.SessionStart),
                Cwd = work,
                Process = ProcessTable.Identify(Environment.ProcessId),
                TmuxPane = pane,
                TmuxSocket = socket,
                At = DateTimeOffset.UtcNow,
            });
        }

        // When it is attached from a process whose standard input is a pipe, outside tmux
        var attached = await _baton.RunAsync(["attach", SessionId[..8]], stdin: string.Empty, environment: OutsideTmux());

        // Then one line says what is needed, and no stack trace
        attached.ExitCode.ShouldNotBe(0);
        attached.StdErr.Trim().Split('\n').Length.ShouldBe(1, attached.StdErr);
        attached.StdErr.ShouldContain("needs a terminal");
        attached.StdErr.ShouldNotContain("   at ");
        attached.StdErr.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task New_without_a_terminal_outside_tmux_is_refused_in_one_line_and_starts_nothing()
    {
        var work = _sandbox.CreateDirectory("work");

        var started = await _baton.RunAsync(["new", work, "--name", "headless"], stdin: string.Empty, environment: OutsideTmux());

        started.ExitCode.ShouldBe(2, started.StdErr);
        started.StdErr.Trim().Split('\n').Length.ShouldBe(1, started.StdErr);
        started.StdErr.ShouldContain("--detach");
        started.StdErr.ShouldNotContain("   at ");
        var listed = await _baton.RunAsync("ls", "--all", "--json");
        JsonNode.Parse(listed.StdOut)!.AsArray().ShouldBeEmpty();
    }

    /// <summary>Every command of the real tree, run without arguments from a pipe outside tmux, ends with one of Baton's
    /// exit codes and no stack trace (the server commands that start a server are left out: they run until stopped).</summary>
    [Fact]
    public async Task No_command_run_without_a_terminal_and_without_arguments_prints_a_stack_trace()
    {
        var environment = new Baton.Cli.CommandLine.CliEnvironment(
            new Baton.Core.Home.BatonHome(_sandbox.BatonHome), _sandbox.Home, _sandbox.Home, null, TimeProvider.System, new ProcessLiveness());
        var commands = CommandPaths(Baton.Cli.CommandLine.BatonCommandLine.Create(environment, []), [])
            .Where(path => path is not ["serve"] and not ["serve", "start"] and not ["serve", "install"])
            .ToList();
        commands.Count.ShouldBeGreaterThan(60, "the whole tree is walked");

        var failures = new List<string>();
        foreach (var path in commands)
        {
            var run = await _baton.RunAsync(path, stdin: string.Empty, environment: OutsideTmux());
            if (run.StdErr.Contains("   at ", StringComparison.Ordinal) || run.ExitCode is < 0 or > 4)
            {
                failures.Add($"baton {string.Join(' ', path)}: exit {run.ExitCode}: {run.StdErr.Trim()}");
            }
        }

        failures.ShouldBeEmpty();
    }

    public void Dispose()
    {
        _tmux.Dispose();
        _sandbox.Dispose();
    }

    private static IEnumerable<string[]> CommandPaths(System.CommandLine.Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands)
        {
            foreach (var deeper in CommandPaths(sub, [.. path, sub.Name]))
            {
                yield return deeper;
            }
        }
    }

    private static Dictionary<string, string?> OutsideTmux() => new(StringComparer.Ordinal) { ["TMUX"] = null, ["TMUX_PANE"] = null };
}
