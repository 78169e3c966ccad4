using Baton.Platform.Processes;
using Baton.Testing;

namespace Baton.Tmux.Tests;

/// <summary>Real tmux on a server of its own (the <see cref="TmuxServer"/> fixture: <c>-L</c> name under a private TMUX_TMPDIR).</summary>
public sealed class TmuxClientTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    private readonly TmuxServer _server = new();
    private readonly TempDirectory _work = TempDirectory.Create("baton-tmux-work-");
    private readonly TmuxClient _tmux;

    public TmuxClientTests() => _tmux = Client(TmuxSocket.Named(_server.SocketName));

    [Fact]
    public void A_new_session_runs_its_command_in_the_folder_with_the_given_variables()
    {
        var pane = _tmux.NewSession(
            "work", _work.Path, ["sh", "-c", "echo \"x=$BATON_X\"; pwd; sleep 300"], new Dictionary<string, string> { ["BATON_X"] = "hello world" });

        pane.SessionName.ShouldBe("work");
        pane.PaneId.ShouldStartWith("%");
        pane.SocketPath.ShouldStartWith(_server.TmuxTmpDir);
        pane.SocketPath.ShouldEndWith("/" + _server.SocketName);
        ProcessTable.StartTimeOf(pane.PanePid).ShouldNotBeNull();
        _tmux.PanePid(pane.PaneId).ShouldBe(pane.PanePid);
        _tmux.PaneExists(pane.PaneId).ShouldBeTrue();
        _tmux.HasSession("work").ShouldBeTrue();

        var text = _server.WaitForPaneText(pane.PaneId, t => t.Contains(_work.Path, StringComparison.Ordinal), Wait);
        text.ShouldContain("x=hello world");
        _tmux.CapturePane(pane.PaneId).ShouldContain("x=hello world");
    }

    [Fact]
    public void A_single_word_command_names_one_program_even_with_spaces_and_quotes_in_its_path()
    {
        var folder = _work.CreateSubdirectory("it's a folder");
        var script = Path.Combine(folder, "run me.sh");
        File.WriteAllText(script, "#!/bin/sh\necho \"single word ran\"\nexec sleep 300\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var pane = _tmux.NewSession("single", folder, [script], NoVariables);

        _server.WaitForPaneText(pane.PaneId, t => t.Contains("single word ran", StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_new_window_opens_in_the_named_session_and_every_pane_is_listed()
    {
        var first = _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables);
        _tmux.NewSession("workshop", _work.Path, ["sleep", "301"], NoVariables);

        var second = _tmux.NewWindow("work", "second", _work.Path, ["sleep", "302"], NoVariables);

        second.SessionName.ShouldBe("work");
        second.WindowIndex.ShouldBeGreaterThan(first.WindowIndex);
        second.PaneId.ShouldNotBe(first.PaneId);
        await Eventually.Until(() => _tmux.ListPanes().Count(p => p.CurrentCommand == "sleep") == 3, Wait, "all three panes run sleep");
        var panes = _tmux.ListPanes();
        panes.ShouldContain(p => p.PaneId == first.PaneId && p.SessionName == "work" && p.PanePid == first.PanePid && !p.IsDead);
        panes.ShouldContain(p => p.PaneId == second.PaneId && p.SessionName == "work" && p.WindowIndex == second.WindowIndex);
        panes.Count(p => p.SessionName == "workshop").ShouldBe(1);
    }

    [Fact]
    public void Inside_tmux_a_window_without_a_target_opens_in_the_enclosing_session()
    {
        var mine = _tmux.NewSession("mine", _work.Path, ["sleep", "300"], NoVariables);
        _tmux.NewSession("newer", _work.Path, ["sleep", "300"], NoVariables);
        var serverPid = int.Parse(_server.Run(["display-message", "-p", "#{pid}"]).EnsureSuccess().StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var inside = TmuxSocket.Current(new Dictionary<string, string?>
        {
            ["TMUX"] = $"{mine.SocketPath},{serverPid},0",
            ["TMUX_PANE"] = mine.PaneId,
        });

        var pane = Client(inside).NewWindow(null, "helper", _work.Path, ["sleep", "300"], NoVariables);

        pane.SessionName.ShouldBe("mine");
    }

    [Fact]
    public async Task Killing_a_pane_ends_its_process()
    {
        _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables);
        var pane = _tmux.NewWindow("work", "doomed", _work.Path, ["sleep", "300"], NoVariables);

        _tmux.KillPane(pane.PaneId);

        _tmux.PaneExists(pane.PaneId).ShouldBeFalse();
        _tmux.PanePid(pane.PaneId).ShouldBeNull();
        _tmux.HasSession("work").ShouldBeTrue();
        await Eventually.Until(() => ProcessTable.StartTimeOf(pane.PanePid) is null, Wait, "the pane's sleep has ended");
    }

    [Fact]
    public async Task Killing_the_last_session_leaves_nothing_to_list()
    {
        var pane = _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables);

        _tmux.KillSession("work");

        _tmux.HasSession("work").ShouldBeFalse();
        _tmux.ListPanes().ShouldBeEmpty();
        await Eventually.Until(() => ProcessTable.StartTimeOf(pane.PanePid) is null, Wait, "the session's sleep has ended");
    }

    [Fact]
    public void A_duplicate_session_name_fails_clearly_and_a_unique_one_is_offered()
    {
        _tmux.UniqueSessionName("work").ShouldBe("work");
        _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables);

        var error = Should.Throw<TmuxDuplicateSessionException>(() => _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables));

        error.SessionName.ShouldBe("work");
        error.Message.ShouldBe("A tmux session named 'work' already exists; choose another name.");
        error.StandardError.ShouldContain("duplicate session");
        _tmux.UniqueSessionName("work").ShouldBe("work-2");
        _tmux.NewSession("work-2", _work.Path, ["sleep", "300"], NoVariables);
        _tmux.UniqueSessionName("work").ShouldBe("work-3");
    }

    [Fact]
    public void Session_names_match_exactly_not_by_prefix_and_as_tmux_renames_them()
    {
        var pane = _tmux.NewSession("repo.main", _work.Path, ["sleep", "300"], NoVariables);

        pane.SessionName.ShouldBe("repo_main");
        _tmux.SessionNameInUse("repo.main").ShouldBeTrue();
        _tmux.HasSession("repo").ShouldBeFalse();
        _tmux.SessionNameInUse("repo").ShouldBeFalse();
        _tmux.UniqueSessionName("repo:main").ShouldBe("repo_main-2");
    }

    [Fact]
    public void Without_a_server_queries_find_nothing()
    {
        _tmux.HasSession("work").ShouldBeFalse();
        _tmux.PaneExists("%0").ShouldBeFalse();
        _tmux.PanePid("%0").ShouldBeNull();
        _tmux.ListPanes().ShouldBeEmpty();
        _tmux.SessionNames().ShouldBeEmpty();
        _tmux.UniqueSessionName("work").ShouldBe("work");
    }

    [Fact]
    public void Failures_carry_what_tmux_said()
    {
        _tmux.NewSession("work", _work.Path, ["sleep", "300"], NoVariables);

        Should.Throw<TmuxException>(() => _tmux.KillPane("%999")).Message.ShouldBe("tmux kill-pane failed: can't find pane: %999");
        Should.Throw<TmuxException>(() => _tmux.NewWindow("nope", "w", _work.Path, ["sleep", "1"], NoVariables)).StandardError.ShouldContain("nope");
        Should.Throw<TmuxException>(() => _tmux.SwitchClient("=work")).Message.ShouldContain("no current client");
        Should.Throw<DirectoryNotFoundException>(() => _tmux.NewSession("x", _work.Combine("missing"), ["sleep", "1"], NoVariables));
    }

    [Fact]
    public void The_version_is_what_tmux_reports()
    {
        _tmux.Version().ShouldStartWith("tmux ");
    }

    public void Dispose()
    {
        _server.Dispose();
        _work.Dispose();
    }

    /// <summary>A client for the fixture's server; the server it may start gets none of the runner's Claude or tmux variables.</summary>
    private TmuxClient Client(TmuxSocket socket)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["TMUX_TMPDIR"] = _server.TmuxTmpDir };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(ProcessRunner.IsStripped))
        {
            environment.TryAdd(name, null);
        }

        return TmuxClient.Locate(socket, environment: environment);
    }
}
