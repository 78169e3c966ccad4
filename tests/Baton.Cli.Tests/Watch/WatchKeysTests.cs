using System.Text.RegularExpressions;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;
using Baton.Testing;

namespace Baton.Cli.Tests.Watch;

/// <summary>
/// The real <c>baton watch</c> in an 80x24 tmux pane (on the fixture's own socket): it follows the journal, takes keys,
/// re-lays out on resize and restores the terminal when it quits. Needs <c>WatchCommand</c> wired into BatonCommandLine.
/// </summary>
public sealed class WatchKeysTests : IDisposable
{
    private const string Pane = "watch";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly BatonSandbox _sandbox = BatonSandbox.Create();
    private readonly TmuxServer _tmux = new();

    [Fact]
    public void The_dashboard_follows_the_journal_and_its_keys_select_confirm_filter_and_quit()
    {
        Record("aaaa1111-run", HookEvents.UserPromptSubmit, "api");
        Record("bbbb2222-input", HookEvents.Stop, "web");
        Record("cccc3333-perm", HookEvents.PermissionRequest, "docs");
        StartWatch();

        // A frame reaches the pane in pieces, so the header, rows and footer are checked in the same capture.
        WaitFor(s => s.Contains("3 live, 2 need you", StringComparison.Ordinal)
            && Rows(s).SequenceEqual([">! cccc3333", " ! bbbb2222", "   aaaa1111"])
            && Lines(s)[^1].StartsWith("up/down select", StringComparison.Ordinal));

        Record("aaaa1111-run", HookEvents.PermissionRequest, "api");
        WaitFor(s => s.Contains("3 live, 3 need you", StringComparison.Ordinal) && Rows(s).SequenceEqual([">! cccc3333", " ! aaaa1111", " ! bbbb2222"]));

        _tmux.SendKeys(Pane, "Down");
        WaitFor(s => Rows(s).SequenceEqual([" ! cccc3333", ">! aaaa1111", " ! bbbb2222"]));

        _tmux.SendKeys(Pane, "k");
        WaitFor(s => Lines(s)[^1] == "Kill api? y/n");
        _tmux.SendKeys(Pane, "n");
        WaitFor(s => Lines(s)[^1].StartsWith("Not killed: api.", StringComparison.Ordinal));

        _tmux.SendKeys(Pane, "Enter");
        var screen = WaitFor(s => Lines(s)[^1].StartsWith("Session aaaa1111 does not run in tmux", StringComparison.Ordinal));
        Rows(screen).Count.ShouldBe(3, "the dashboard is back after the attach");

        _tmux.SendKeys(Pane, "k");
        _tmux.SendKeys(Pane, "y");
        screen = WaitFor(s => Lines(s)[^1].StartsWith("Killed api.", StringComparison.Ordinal));
        WaitFor(s => s.Contains("2 live, 2 need you", StringComparison.Ordinal));

        _tmux.SendKeys(Pane, "/");
        _tmux.SendText(Pane, "web");
        WaitFor(s => s.Contains("filter \"web\": 1 shown", StringComparison.Ordinal) && Rows(s).SequenceEqual([">! bbbb2222"]));
        _tmux.SendKeys(Pane, "Escape");
        WaitFor(s => Rows(s).Count == 2 && !Lines(s)[0].Contains("filter", StringComparison.Ordinal));

        _tmux.Run(["resize-window", "-t", Pane, "-x", "50", "-y", "12"]).EnsureSuccess("tmux resize-window");
        screen = WaitFor(s => Lines(s).Count == 12 && Lines(s)[^1].StartsWith("up/down", StringComparison.Ordinal));
        Lines(screen).ShouldAllBe(l => l.Length <= 50);

        _tmux.SendKeys(Pane, "q");
        screen = WaitFor(s => s.Contains("WATCH-EXITED 0", StringComparison.Ordinal));
        screen.ShouldNotContain("need you", customMessage: "the alternate screen was left");
        _tmux.Run(["display-message", "-p", "-t", Pane, "#{alternate_on} #{cursor_flag}"]).EnsureSuccess("tmux display-message")
            .StdOut.Trim().ShouldBe("0 1", "normal screen, cursor shown");
    }

    [Fact]
    public void The_s_key_marks_the_selected_wait_seen_and_it_drops_below_the_unseen_wait()
    {
        Record("bbbb2222-input", HookEvents.Stop, "web");
        Record("cccc3333-perm", HookEvents.PermissionRequest, "docs");
        StartWatch();
        WaitFor(s => Rows(s).SequenceEqual([">! cccc3333", " ! bbbb2222"]));

        _tmux.SendKeys(Pane, "s");

        var screen = WaitFor(s => Lines(s)[^1].StartsWith("Seen: docs.", StringComparison.Ordinal) && Rows(s).SequenceEqual([" ! bbbb2222", ">! cccc3333"]));
        Lines(screen).Single(l => l.Contains("cccc3333", StringComparison.Ordinal)).ShouldContain("seen");
        _tmux.SendKeys(Pane, "q");
        WaitFor(s => s.Contains("WATCH-EXITED 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Ctrl_c_quits_and_restores_the_terminal()
    {
        Record("aaaa1111-run", HookEvents.UserPromptSubmit, "api");
        StartWatch();
        WaitFor(s => s.Contains("1 live, 0 need you", StringComparison.Ordinal));

        _tmux.SendKeys(Pane, "C-c");

        var screen = WaitFor(s => s.Contains("WATCH-EXITED 0", StringComparison.Ordinal));
        screen.ShouldNotContain("need you");
        _tmux.Run(["display-message", "-p", "-t", Pane, "#{alternate_on} #{cursor_flag}"]).EnsureSuccess("tmux display-message")
            .StdOut.Trim().ShouldBe("0 1");
    }

    [Fact]
    public void The_task_pane_redraws_when_a_native_list_s_files_change_though_no_hook_journaled_it()
    {
        var folder = Path.Combine(_sandbox.Home, ".claude", "tasks", "plan");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "1.json"), """{"id":"1","subject":"design the schema","status":"pending","blocks":[],"blockedBy":[]}""");
        Record("aaaa1111-run", HookEvents.UserPromptSubmit, "api", taskList: "plan");
        StartWatch();
        WaitFor(s => s.Contains("TASKS plan (Claude Code native)", StringComparison.Ordinal) && Regex.IsMatch(s, @"#1 +ready +- +- +design the schema"));
        var journaled = LastSequence();

        File.WriteAllText(Path.Combine(folder, "1.json"), """{"id":"1","subject":"design the schema","status":"in_progress","owner":"alice","blocks":["2"],"blockedBy":[]}""");
        WaitFor(s => Regex.IsMatch(s, @"#1 +in_progress +alice +- +design the schema"));
        File.WriteAllText(Path.Combine(folder, "2.json"), """{"id":"2","subject":"write the migration","status":"pending","blocks":[],"blockedBy":["1"]}""");
        WaitFor(s => Regex.IsMatch(s, @"#2 +blocked +- +blocked by #1 +write the migration"));
        File.Delete(Path.Combine(folder, "2.json"));
        WaitFor(s => !s.Contains("write the migration", StringComparison.Ordinal) && s.Contains("design the schema", StringComparison.Ordinal));

        LastSequence().ShouldBe(journaled, "no journal entry moved the pane: the files did");
    }

    public void Dispose()
    {
        _tmux.Dispose();
        _sandbox.Dispose();
    }

    private static List<string> Lines(string screen) => screen.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToList();

    private static List<string> Rows(string screen) => Lines(screen)
        .Where(l => l.Length >= 11 && l[2] == ' ' && l[3..11].All(char.IsAsciiLetterOrDigit) && l[..2] is "  " or " !" or "> " or ">!")
        .Select(l => l[..11])
        .ToList();

    private void StartWatch()
    {
        var work = _sandbox.CreateDirectory("work");
        var command = $"'{BatonCli.ExecutablePath}' watch; echo WATCH-EXITED $?; sleep 60";
        _tmux.NewSession(Pane, work, ["sh", "-c", command], new BatonCli(_sandbox).Environment().ToDictionary(p => p.Key, p => p.Value!), width: 80, height: 24);
    }

    private string WaitFor(Func<string, bool> predicate, TimeSpan? timeout = null) =>
        _tmux.WaitForPaneText(Pane, predicate, timeout ?? Timeout);

    private long LastSequence()
    {
        using var store = SqliteStore.Open(new BatonHome(_sandbox.BatonHome).DatabasePath);
        return store.LastSequence();
    }

    private void Record(string id, string eventName, string project, string? taskList = null)
    {
        var home = new BatonHome(_sandbox.BatonHome);
        home.EnsureCreated();
        using var store = SqliteStore.Open(home.DatabasePath);
        new SessionRegistry(store, new NeverGone(), TimeProvider.System).Record(new HookObservation
        {
            SessionId = id,
            EventName = eventName,
            Order = HookEventOrder.Compose(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), eventName),
            Cwd = "/src/" + project,
            Git = new GitFacts("/src/" + project, "main", false),
            TaskList = taskList,
            At = DateTimeOffset.UtcNow,
        });
    }

    private sealed class NeverGone : ISessionLiveness
    {
        public bool IsGone(Session session) => false;
    }
}
