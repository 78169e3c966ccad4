using Baton.ClaudeCode.Settings;
using Baton.Cli.CommandLine;
using Baton.Cli.Hooks;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Repositories;
using Baton.Core.Sessions;
using Baton.Platform.Git;
using Baton.Platform.Processes;
using Baton.Platform.Programs;
using Baton.Tmux;

namespace Baton.Cli.Sessions;

/// <summary>
/// Starts, stops and shows sessions in tmux: the work behind <c>baton new</c>, <c>kill</c> and <c>attach</c> and the
/// dashboard's keys. tmux runs claude directly (argument lists, no shell), so the pane's process is claude itself.
/// </summary>
internal sealed class SessionSupervisor
{
    /// <summary>How long a killed claude may take to exit before Baton reports it (or, forced, sends SIGKILL).</summary>
    public static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    /// <summary>How long claude may take to exit after its pane closed (SIGHUP) before Baton sends SIGTERM: a claude busy
    /// starting up has been seen to outlive its pane.</summary>
    public static readonly TimeSpan HangUpWait = TimeSpan.FromSeconds(2);

    /// <summary>Claude Code variables of an enclosing session that must not leak into a session started from it.</summary>
    private static readonly string[] EnclosingSessionVariables =
        ["CLAUDECODE", "CLAUDE_CODE_SESSION_ID", "CLAUDE_CODE_ENTRYPOINT", "CLAUDE_PROJECT_DIR", "CLAUDE_ENV_FILE"];

    private readonly CliContext _context;

    /// <summary>Creates a supervisor for one command's run.</summary>
    /// <param name="context">The run.</param>
    public SessionSupervisor(CliContext context) => _context = context;

    /// <summary>Registers a session (status starting) and starts claude for it in tmux: a new window of the current tmux
    /// session inside tmux, else a new tmux session, attached unless <see cref="LaunchOptions.Detach"/>.</summary>
    /// <param name="options">What to start.</param>
    /// <returns>The session as registered, with its pane.</returns>
    /// <exception cref="MissingProgramException">tmux or claude is not installed.</exception>
    /// <exception cref="UserErrorException">A bad folder, name or branch, the conversation to resume is held by a live session,
    /// or there is no terminal to attach (outside tmux, without <see cref="LaunchOptions.Detach"/>).</exception>
    /// <remarks>A folder that does not exist may be a repository's name, looked up under the repository roots
    /// (<see cref="RepositoryRoots.Find"/>); an ambiguous name is refused with the candidates.</remarks>
    public Session Launch(LaunchOptions options)
    {
        var directory = Path.GetFullPath(options.Directory);
        if (!Directory.Exists(directory))
        {
            directory = new RepositoryRoots(_context.Environment.Home).Find(options.Directory)
                ?? throw new UserErrorException($"No folder '{options.Directory}', nor a repository of that name under the repository roots (baton config roots ls).");
        }

        if (options.Name is { } wanted)
        {
            SessionRegistry.ValidateName(wanted);
        }

        var socket = TmuxSocket.Current();
        if (socket.Inside is null && !options.Detach && !HasTerminal)
        {
            throw new UserErrorException("baton new outside tmux attaches this terminal, and standard input is not a terminal: run it in one, or add --detach.");
        }

        var tmux = Tmux(socket);
        var claude = ExecutableSearch.Find("claude")
            ?? throw new MissingProgramException("claude is not installed: npm install -g @anthropic-ai/claude-code");
        var env = ExecutableSearch.Find("env") ?? "/usr/bin/env";
        var resume = options.Resume is { } wantedConversation
            ? new ConversationLookup(_context.Store, _context.Environment.UserHome).Resolve(wantedConversation)
            : null;
        if (resume is { } conversation && _context.Registry.List(includeEnded: false).FirstOrDefault(s => s.SessionId == conversation) is { } holder)
        {
            throw new UserErrorException(
                $"Conversation {conversation} is held by live session {holder.Name ?? SessionRegistry.ShortId(holder.SessionId)}; attach to it: baton attach {holder.Name ?? SessionRegistry.ShortId(holder.SessionId)}");
        }

        if (options.Worktree is { } branch)
        {
            directory = GitWorktrees.Ensure(directory, branch);
        }

        WarnWithoutHooks();
        var tree = GitWorkingTree.FindTopLevel(directory) ?? directory;
        if (SharedWorkingTree.Warning(tree, SharedWorkingTree.Others(_context.Registry, tree, except: null)) is { } shared)
        {
            _context.Error.WriteLine($"baton: warning: {shared} Start it on a branch of its own: baton new --worktree BRANCH");
        }

        var launchId = "launch-" + Guid.NewGuid().ToString("N");
        var session = _context.Registry.Launch(new LaunchRequest(
            launchId, options.Name, options.Task, directory, GitProbe.Read(directory, TimeSpan.FromSeconds(2)), _context.Environment.Actor, options.TaskList));
        var command = new List<string> { env };
        foreach (var variable in EnclosingSessionVariables)
        {
            command.AddRange(["-u", variable]);
        }

        command.Add(claude);
        if (resume is not null)
        {
            command.AddRange(["--resume", resume]);
        }

        if (session.Name is { } name && !options.ClaudeArguments.Any(a => a is "--name" or "-n" || a.StartsWith("--name=", StringComparison.Ordinal)))
        {
            // One name on both sides: Claude Code's own (its ListAgents, its registry) is Baton's.
            command.AddRange(["--name", name]);
        }

        command.AddRange(options.ClaudeArguments);
        if ((options.Prompt ?? options.Task) is { Length: > 0 } prompt)
        {
            // After "--": an option of claude's that takes several values (--allowedTools A B) would otherwise take the prompt too.
            command.AddRange(["--", prompt]);
        }

        var variables = new Dictionary<string, string>
        {
            ["BATON_LAUNCH_ID"] = launchId,
            [Core.Home.BatonHome.EnvironmentVariable] = _context.Environment.Home.Root,
        };
        if (options.TaskList is { } taskList)
        {
            // The current Claude Code offers its Task tools to the default model only with CLAUDE_CODE_ENABLE_TODO_TOOLS=1.
            variables["CLAUDE_CODE_TASK_LIST_ID"] = taskList;
            variables["CLAUDE_CODE_ENABLE_TODO_TOOLS"] = "1";
        }

        TmuxPane pane;
        try
        {
            pane = socket.Inside is not null
                ? tmux.NewWindow(null, session.Name!, directory, command, variables, detached: options.Detach)
                : tmux.NewSession(tmux.UniqueSessionName(session.Name!), directory, command, variables, detached: true);
        }
        catch (TmuxException e)
        {
            _context.Registry.MarkLaunchFailed(launchId, e.Message, _context.Environment.Actor);
            throw new UserErrorException($"tmux could not start the session: {e.StandardError.Trim()}");
        }

        _context.Registry.SetLaunchPane(launchId, pane.SocketPath, pane.PaneId, ProcessTable.Identify(pane.PanePid));
        if (socket.Inside is null && !options.Detach)
        {
            tmux.AttachSession(pane.PaneId);
        }

        return session with { TmuxPane = pane.PaneId, TmuxSocket = pane.SocketPath };
    }

    /// <summary>Ends a session's claude (its tmux pane is killed, then SIGTERM if claude outlives it by <see cref="HangUpWait"/>;
    /// outside tmux SIGTERM; with <paramref name="force"/> then SIGKILL), moves the session to history as <c>killed</c> and
    /// releases its locks and claimed queue items.</summary>
    /// <param name="session">The session.</param>
    /// <param name="force">Send SIGKILL when claude has not exited within <see cref="ExitWait"/>.</param>
    /// <returns>The session as stored.</returns>
    /// <exception cref="UserErrorException">The session already ended, or claude did not exit and <paramref name="force"/> was not given.</exception>
    public Session Kill(Session session, bool force)
    {
        if (session.IsEnded)
        {
            throw new UserErrorException($"Session {Label(session)} already ended ({session.EndReason}).");
        }

        RefuseRemote(session, "kill");

        var process = session.Process;
        if (session is { TmuxPane: { } pane, TmuxSocket: { } socket } && TryTmux(TmuxSocket.Path(socket)) is { } tmux && tmux.PaneExists(pane))
        {
            tmux.KillPane(pane);
            if (process is not null && !WaitForExit(process, HangUpWait))
            {
                ProcessSignals.Send(process.Pid, ProcessSignals.Terminate);
            }
        }
        else if (process is not null && ProcessTable.IsRunning(process))
        {
            ProcessSignals.Send(process.Pid, ProcessSignals.Terminate);
        }

        if (process is not null && !WaitForExit(process, ExitWait))
        {
            if (!force)
            {
                throw new UserErrorException($"claude (pid {process.Pid}) of {Label(session)} did not exit within {ExitWait.TotalSeconds:0} s; use --force.");
            }

            ProcessSignals.Send(process.Pid, ProcessSignals.Kill);
            WaitForExit(process, ExitWait);
        }

        var killed = _context.Registry.MarkKilled(session, force, _context.Environment.Actor);
        AbandonedWorkSweep.Release(_context.Store, _context.Environment.Time, killed.SessionId, _context.Environment.Actor);
        return killed;
    }

    /// <summary>Shows a session's tmux pane: switches the tmux client inside tmux, attaches the terminal outside.</summary>
    /// <param name="session">The session.</param>
    /// <exception cref="UserErrorException">The session has ended or does not run in tmux, or outside tmux standard input is not
    /// a terminal to attach.</exception>
    public void Attach(Session session)
    {
        if (session.IsEnded || session.Status == SessionStatus.Exited)
        {
            throw new UserErrorException($"Session {Label(session)} has exited; resume its conversation with: baton new --resume {session.SessionId}");
        }

        RefuseRemote(session, "attach");

        if (session is not { TmuxPane: { } pane, TmuxSocket: { } socket })
        {
            throw new UserErrorException($"Session {Label(session)} does not run in tmux; it is in the terminal where it was started (pid {session.Pid}).");
        }

        var current = TmuxSocket.Current();
        if (current.Inside is { } inside && inside.SocketPath == socket)
        {
            Tmux(current).SwitchClient(pane);
        }
        else if (!HasTerminal)
        {
            throw new UserErrorException($"baton attach needs a terminal and standard input is not one: run it in a terminal (or inside tmux) to see session {Label(session)}.");
        }
        else
        {
            Tmux(TmuxSocket.Path(socket)).AttachSession(pane);
        }
    }

    /// <summary>Whether standard input is a terminal, which <c>tmux attach</c> needs (else it fails: "open terminal failed: not a terminal").</summary>
    private static bool HasTerminal => !Console.IsInputRedirected;

    private static string Label(Session session) => session.Name ?? SessionRegistry.ShortId(session.SessionId);

    /// <summary>Refuses to act on a session of another host (a team store): its claude and tmux are on that machine.</summary>
    /// <exception cref="UserErrorException">The session runs on another host; the message says where to run the command.</exception>
    private static void RefuseRemote(Session session, string verb)
    {
        if (RemoteSessions.IsRemote(session))
        {
            throw new UserErrorException(
                $"Session {Label(session)} runs on host {session.Host}, not on this one ({ThisProcess.HostName}); run it there: ssh {session.Host} baton {verb} {SessionRegistry.ShortId(session.SessionId)}");
        }
    }

    private static TmuxClient Tmux(TmuxSocket socket)
    {
        try
        {
            return TmuxClient.Locate(socket);
        }
        catch (TmuxMissingException e)
        {
            throw new MissingProgramException(e.Message, e);
        }
    }

    private static TmuxClient? TryTmux(TmuxSocket socket)
    {
        try
        {
            return TmuxClient.Locate(socket);
        }
        catch (TmuxMissingException)
        {
            return null;
        }
    }

    private static bool WaitForExit(ProcessIdentity process, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (ProcessTable.IsRunning(process))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    private void WarnWithoutHooks()
    {
        var installer = new SettingsInstaller(_context.Environment.Home.Root, _context.Environment.Time);
        var installed = Enum.GetValues<SettingsScope>().Any(scope =>
        {
            try
            {
                return installer.Status(HooksCommand.Locate(_context.Environment, scope).FilePath).Installed;
            }
            catch (SettingsFormatException)
            {
                return false;
            }
        });
        if (!installed)
        {
            _context.Error.WriteLine("baton: warning: Baton's hooks are not installed, so this session will stay 'starting'; install them: baton hooks install");
        }
    }
}
