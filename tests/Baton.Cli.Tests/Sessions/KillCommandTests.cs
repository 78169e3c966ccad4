using System.Text.Json.Nodes;
using Baton.Core.Sessions;
using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Cli.Tests.Sessions;

/// <summary><c>baton kill</c> on a process in a real tmux pane (the fixture's own tmux server), in process.</summary>
public sealed class KillCommandTests : IDisposable
{
    private const string SessionId = "7a110000-0000-4000-8000-00000000000c";

    private readonly CliHarness _cli = new();
    private readonly TmuxServer _tmux = new();

    [Fact]
    public async Task Kill_ends_a_process_that_outlives_its_closed_pane_with_sigterm_and_moves_the_session_to_history()
    {
        // Given a session whose process ignores SIGHUP (as a claude still starting up was seen to) in a tmux pane
        _tmux.NewSession("stubborn", _cli.WorkingDirectory, ["sh", "-c", "trap '' HUP; exec sleep 600"]);
        var pid = _tmux.PanePid("stubborn");
        await Eventually.Until(() => ProcessTable.CommandName(pid) == "sleep", TimeSpan.FromSeconds(10), "the pane's sh set its trap and became sleep");
        var pane = _tmux.Run(["display-message", "-p", "-t", "stubborn", "#{pane_id}"]).EnsureSuccess("pane id").StdOut.Trim();
        var socket = _tmux.Run(["display-message", "-p", "-t", "stubborn", "#{socket_path}"]).EnsureSuccess("socket path").StdOut.Trim();
        _cli.Record(new HookObservation
        {
            SessionId = SessionId,
            EventName = HookEvents.SessionStart,
            Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), HookEvents.SessionStart),
            Cwd = _cli.WorkingDirectory,
            Process = ProcessTable.Identify(pid),
            TmuxPane = pane,
            TmuxSocket = socket,
            At = DateTimeOffset.UtcNow,
        });

        // When it is killed without --force
        var killed = _cli.Run("kill", SessionId[..8]);

        // Then the closed pane did not end it, SIGTERM did, and it went to history as killed
        killed.ExitCode.ShouldBe(0, killed.Error);
        killed.Output.ShouldContain($"(claude pid {pid})");
        ProcessProbe.IsRunning(pid).ShouldBeFalse();
        var history = JsonNode.Parse(_cli.Run("history", "--json").Output)!.AsArray();
        history.Single(s => s!["session_id"]!.GetValue<string>() == SessionId)!["end_reason"]!.GetValue<string>().ShouldBe("killed");
    }

    public void Dispose()
    {
        _tmux.Dispose();
        _cli.Dispose();
    }
}
