using System.CommandLine;
using Baton.Cli.CommandLine;
using Baton.Cli.Watch;
using Baton.Core.Sessions;

namespace Baton.Cli.Tests.Watch;

/// <summary><c>baton watch --once</c> through the real parser and store (sessions recorded as hooks would).</summary>
public sealed class WatchOnceTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    [Fact]
    public void Once_prints_one_plain_80_column_frame_with_the_sessions_that_need_a_person_first_and_marked()
    {
        _cli.Record("aaaa1111-running", HookEvents.UserPromptSubmit, git: new GitFacts("/src/web", "feature-x", true));
        _cli.Record("bbbb2222-input-long", HookEvents.Stop, git: new GitFacts("/src/api", "main", false));
        Thread.Sleep(20);
        _cli.Record("cccc3333-input-short", HookEvents.Stop);
        _cli.Record("dddd4444-permission", HookEvents.PermissionRequest);
        Thread.Sleep(20);
        _cli.Record("bbbb2222-input-long", HookEvents.Notification, reason: null);

        var (exitCode, output, error) = Watch("watch", "--once");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldNotContain("\u001b", customMessage: "no ANSI when output is not a terminal");
        var lines = output.TrimEnd('\n').Split('\n');
        lines.ShouldAllBe(l => l.Length <= 80);
        lines[0].ShouldBe("baton watch  4 live, 3 need you");
        lines[1].ShouldMatch("^ +ID +NAME +PROJECT +BRANCH +STATUS +UPDATED +TASK$");
        lines[2..].Select(l => l[..11]).ShouldBe([" ! dddd4444", " ! bbbb2222", " ! cccc3333", "   aaaa1111"]);
        lines[2].ShouldMatch(@" waiting_permission \d+s ");
        lines[3].ShouldContain(" api ");
        lines[3].ShouldMatch(@" waiting_input \d+s ");
        lines[5].ShouldContain(" web ");
        lines[5].ShouldContain(" feature-x* ");
        lines[5].ShouldContain(" running ");
    }

    [Fact]
    public void Once_with_a_filter_shows_only_matching_sessions_and_leaves_out_exited_ones()
    {
        _cli.Record("aaaa1111-web", HookEvents.UserPromptSubmit, git: new GitFacts("/src/web", "main", false));
        _cli.Record("bbbb2222-api", HookEvents.UserPromptSubmit, git: new GitFacts("/src/api", "main", false));
        _cli.Record("cccc3333-gone", HookEvents.UserPromptSubmit, git: new GitFacts("/src/web", "main", false));
        _gone.Add("cccc3333-gone");

        var (exitCode, output, _) = Watch("watch", "--once", "--filter", "WEB");

        exitCode.ShouldBe(0);
        var lines = output.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("baton watch  2 live, 0 need you  filter \"WEB\": 1 shown");
        lines.Length.ShouldBe(4);
        lines[2].ShouldStartWith("   aaaa1111");
        lines[3].ShouldBe("1 session was live when the machine or tmux went down; bring it back: baton restore", "a gone session is offered to restore");
    }

    [Fact]
    public void Once_with_no_sessions_says_so()
    {
        var (exitCode, output, _) = Watch("watch", "--once");

        exitCode.ShouldBe(0);
        output.ShouldEndWith("  No live sessions.\n");
    }

    [Fact]
    public void Live_mode_without_a_terminal_is_a_one_line_user_error_pointing_to_once()
    {
        var (exitCode, output, error) = Watch("watch", "--notify");

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe("baton: baton watch needs a terminal; for one frame of plain text use: baton watch --once\n", StringCompareShould.IgnoreLineEndings);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Once_shows_the_persons_unread_messages_under_the_header_without_marking_them_read()
    {
        const string Bob = "bbbb2222-0000-4000-8000-000000000002";
        _cli.Record(Bob, HookEvents.SessionStart);
        _cli.CurrentSessionId = Bob;
        _cli.Run("send", "human", "need your review\nof the login page").ExitCode.ShouldBe(0);
        _cli.CurrentSessionId = null;

        var (exitCode, output, error) = Watch("watch", "--once");
        var again = Watch("watch", "--once");

        exitCode.ShouldBe(0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        lines[0].ShouldEndWith(", 1 unread for you (baton inbox)");
        lines[1].ShouldMatch(@"^  message \d+ from \S+: need your review$");
        lines[2].ShouldMatch("^ +ID +NAME");
        again.Output.ShouldContain("1 unread for you", customMessage: "watch only shows them; baton inbox marks them read");
    }

    private (int ExitCode, string Output, string Error) Watch(params string[] args)
    {
        var environment = new CliEnvironment(_cli.Home, _cli.WorkingDirectory, _cli.UserHome, null, TimeProvider.System, new SetLiveness(_gone));
        var root = new RootCommand { WatchCommand.Create(environment) };
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = root.Parse(args);
        parse.Errors.ShouldBeEmpty();
        var exitCode = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class SetLiveness(HashSet<string> gone) : ISessionLiveness
    {
        public bool IsGone(Session session) => gone.Contains(session.SessionId);
    }
}
