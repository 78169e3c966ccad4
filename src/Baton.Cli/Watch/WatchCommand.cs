using Baton.Cli.Hooks;
using System.CommandLine;
using System.Runtime.InteropServices;
using Baton.Cli.CommandLine;
using Baton.Core;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Spectre.Console;

namespace Baton.Cli.Watch;

/// <summary><c>baton watch</c>: a live dashboard of the sessions, those that need a person first; <c>--once</c> prints one frame.</summary>
internal static class WatchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="actions">Makes the attach, kill and new actions for a run; null for <see cref="UnavailableWatchActions"/>.</param>
    /// <param name="notify">With <c>--notify</c>, called for each status change seen while watching (the session now and its
    /// previous status; a session no longer listed comes as exited); null: <c>--notify</c> does nothing yet.</param>
    /// <returns>The command.</returns>
    public static Command Create(
        CliEnvironment environment, Func<CliContext, IWatchActions>? actions = null, Action<Session, SessionStatus>? notify = null)
    {
        var once = new Option<bool>("--once") { Description = "Print one frame and exit: plain text 80 columns wide when output is not a terminal" };
        var notifyOption = new Option<bool>("--notify") { Description = "Notify when a session starts waiting for you" };
        var filter = new Option<string?>("--filter") { Description = "Show only sessions whose id, name, project, branch or task contains TEXT", HelpName = "TEXT" };
        var command = new Command(
            "watch",
            "A live dashboard of the sessions: those waiting for you first (! marks them), then by latest activity; MSG counts " +
            "a session's unread messages; the header counts your own (the person's) and shows the oldest three. " +
            "Keys: up/down select, enter/a attach, k kill, s mark a wait as seen, n new, / filter, q quit. " +
            "Under the sessions, a pane shows the tasks of the lists they work (joined, started on with CLAUDE_CODE_TASK_LIST_ID, or " +
            "owning a task of; Baton's and Claude Code's native ones): state, owner, blocked by, redrawn when the store or a native " +
            "list's files change. When sessions were lost with the machine or the tmux server, a line offers baton restore")
        {
            once, notifyOption, filter,
        };
        command.SetAction(parse => CliRunner.Run(environment, parse, context =>
        {
            var feed = new SessionFeed(
                context.Store, context.Store, context.Registry, environment.Liveness,
                sessions => WatchedTaskList.Read(context.Store, environment.ClaudeDirectory, environment.Home, sessions),
                () => new HookSpool(environment.Home).Count);
            feed.Start();
            var state = new DashboardState(environment.WorkingDirectory, environment.UserHome, parse.GetValue(filter));
            state.SetSessions(feed.Watched, feed.Person, feed.TaskLists, feed.Spooled);
            var hint = RestoreHint(context);
            if (parse.GetValue(once))
            {
                PrintOnce(context, state, environment.Time.GetUtcNow());
                if (hint is not null)
                {
                    context.Output.WriteLine(hint);
                }

                return ExitCodes.Ok;
            }

            if (hint is not null)
            {
                state.ShowMessage(hint);
            }

            if (!WatchTerminal.IsTerminal(context.RawOutput))
            {
                throw new UserErrorException("baton watch needs a terminal; for one frame of plain text use: baton watch --once");
            }

            using var changes = StoreFollower.Open(environment.Stores, environment.Time, out _);
            using var nativeLists = new NativeListWatcher(environment.ClaudeDirectory);
            using var terminal = new WatchTerminal(context.RawOutput);
            var live = new LiveDashboard(
                feed,
                changes,
                state,
                actions?.Invoke(context) ?? new UnavailableWatchActions(),
                parse.GetValue(notifyOption) ? notify : null,
                terminal,
                environment.Time,
                nativeLists);
            using var stop = new CancellationTokenSource();
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            live.Run(stop.Token);
            return ExitCodes.Ok;

            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                stop.Cancel();
            }
        }));
        return command;
    }

    /// <summary>One line offering <c>baton restore</c> when sessions were lost with the machine or the tmux server; else null.</summary>
    private static string? RestoreHint(CliContext context) =>
        context.Registry.RestoreCandidates().Count switch
        {
            0 => null,
            1 => "1 session was live when the machine or tmux went down; bring it back: baton restore",
            var n => $"{n} sessions were live when the machine or tmux went down; bring them back: baton restore",
        };

    private static void PrintOnce(CliContext context, DashboardState state, DateTimeOffset now)
    {
        if (ReferenceEquals(context.RawOutput, Console.Out) && !Console.IsOutputRedirected)
        {
            var frame = DashboardRenderer.Render(state, new DashboardLayout(WatchTerminal.Size().Width, null, Interactive: false), now);
            foreach (var line in frame.Lines)
            {
                context.Console.Write(line.ToParagraph());
                context.Console.WriteLine();
            }
        }
        else
        {
            context.Output.Write(DashboardRenderer.Render(state, new DashboardLayout(DashboardLayout.PlainWidth, null, Interactive: false), now).ToPlainText());
        }
    }
}
