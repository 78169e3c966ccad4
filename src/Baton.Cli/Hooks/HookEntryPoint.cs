using System.Runtime.InteropServices;
using System.Text;
using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Settings;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Home;
using Baton.Core.Machine;
using Baton.Core.Messages;
using Baton.Core.Notifications;
using Baton.Core.Sessions;
using Baton.Storage.Sqlite;

namespace Baton.Cli.Hooks;

/// <summary>
/// <c>baton hook &lt;Event&gt;</c>, the command Claude Code's hooks run: reads the hook input JSON from stdin and records the
/// session. It runs before (and without) the command-line parser to start fast, finishes within <see cref="Budget"/>,
/// and exits 0 whatever happens: Baton's own failures go to <c>$BATON_HOME/logs/baton.log</c>.
/// <c>BATON_DISABLE=1</c> makes it a no-op.
/// For PreToolUse (registered synchronously) it then checks the tool call's writes against the file leases of other
/// sessions of the project (<see cref="FileLeaseGuard"/>) and, in the project's mode (<see cref="FileLeaseSettings"/>),
/// prints one line of <see cref="HookOutput"/>: a denial (<c>enforce</c>) or a warning as context (<c>warn</c>).
/// For SessionStart, UserPromptSubmit and PostToolUse (registered synchronously) of the main agent (not of a subagent,
/// whose context is not the session's) it hands the agent its undelivered
/// messages, at most <see cref="MessageDeliveryText.MaxMessages"/> and <see cref="MessageDeliveryText.MaxLength"/> characters of
/// text, as <c>additionalContext</c> (<see cref="MessageDeliveryText"/>):
/// taken with a token of its own, printed, then confirmed delivered, so two hooks of one session never hand over the same
/// message and one that died before confirming leaves its messages to be taken again (<see cref="Messenger.DefaultStaleAfter"/>).
/// Otherwise, and whenever Baton fails or runs out of time, it prints nothing: the tool call goes ahead as if Baton were not there.
/// <c>baton hook Stop --wake</c> is another program: the wake hook (<see cref="WakeHook"/>).
/// Claude Code sends SIGTERM to background (<c>async</c>) hooks still running when it exits (seen in print mode) and a
/// closing terminal sends SIGHUP; the hook ignores both so an event it has read is recorded, bounded by <see cref="Budget"/>.
/// </summary>
internal static class HookEntryPoint
{
    /// <summary>The longest a hook runs before it gives up (and exits 0), well inside the 10 s Claude Code allows it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Runs the hook.</summary>
    /// <param name="args">The arguments after <c>hook</c>: the event name.</param>
    /// <param name="stdin">The hook input.</param>
    /// <returns>Always 0.</returns>
    public static int Run(string[] args, Stream stdin)
    {
        if (Environment.GetEnvironmentVariable("BATON_DISABLE") == "1")
        {
            return 0;
        }

        if (args is [HookEvents.Stop, BatonHooks.WakeOption])
        {
            return WakeHook.Run(stdin);
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, static signal => signal.Cancel = true);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, static signal => signal.Cancel = true);
        var started = ProcessTable.CurrentProcessStart();
        var home = BatonHome.FromEnvironment();
        var log = new BatonLog(home);
        var area = "hook " + (args.Length > 0 ? args[0] : "?");
        var work = Task.Run(() => Record(args, stdin, home, started, output => Print(Console.OpenStandardOutput(), output, log, area)));
        try
        {
            if (!work.Wait(Budget))
            {
                log.Write(area, $"gave up after {Budget.TotalSeconds:0} s; nothing recorded for this event");
            }
        }
        catch (AggregateException e)
        {
            var cause = e.InnerException ?? e;
            log.Write(area, $"{cause.GetType().Name}: {cause.Message}");
        }

        return 0;
    }

    /// <summary>Prints a hook's output and a line break to <paramref name="stream"/> (stdout, or stderr for the wake hook),
    /// then closes it; false, logged, when the stream is gone (Claude Code stopped reading).</summary>
    /// <param name="stream">The standard stream, as <see cref="Console.OpenStandardOutput()"/> opens it.</param>
    /// <param name="output">The text.</param>
    /// <param name="log">Baton's log.</param>
    /// <param name="area">The hook, for the log.</param>
    /// <returns>Whether it was written.</returns>
    internal static bool Print(Stream stream, string output, BatonLog log, string area)
    {
        try
        {
            using (stream)
            {
                stream.Write(Encoding.UTF8.GetBytes(output + "\n"));
                stream.Flush();
            }

            return true;
        }
        catch (IOException e)
        {
            log.Write(area, $"could not print the hook output: {e.Message}");
            return false;
        }
    }

    /// <summary>Records the event, then prints what the event asks for: the file lease check of a PreToolUse, or the
    /// undelivered messages of a session at SessionStart, UserPromptSubmit and PostToolUse (confirmed once printed).</summary>
    private static void Record(string[] args, Stream stdin, BatonHome home, long hookStart, Func<string, bool> print)
    {
        if (args.Length != 1)
        {
            throw new ArgumentException("usage: baton hook <Event> (the hook input JSON on stdin)");
        }

        var input = HookInput.Parse(ReadInput(stdin));
        var eventName = input.EventName ?? args[0];
        if (!HookEvents.IsKnown(eventName))
        {
            throw new ArgumentException($"unknown hook event '{eventName}'; known: {string.Join(", ", HookEvents.All)}");
        }

        var observation = new HookObservation
        {
            SessionId = input.SessionId,
            EventName = eventName,
            Order = HookEventOrder.Compose(hookStart, eventName),
            Cwd = input.Cwd,
            TranscriptPath = input.TranscriptPath,
            Model = input.Model,
            ToolName = input.ToolName,
            NotificationType = input.NotificationType,
            AgentId = input.AgentId,
            Reason = eventName == HookEvents.StopFailure ? input.Error : input.Reason,
            Process = ClaudeProcess.OfCurrentHook(),
            Git = LooksAtGit(eventName, input.ToolName) && input.Cwd is { } cwd && Directory.Exists(cwd) ? GitProbe.Read(cwd, GitTimeout) : null,
            LaunchId = Variable("BATON_LAUNCH_ID"),
            TmuxSocket = TmuxSocketOf(Variable("TMUX")),
            TmuxPane = Variable("TMUX_PANE"),
            At = DateTimeOffset.UtcNow,
        };

        home.EnsureCreated();
        using var store = SqliteStore.Open(home.DatabasePath);
        var liveness = new ProcessLiveness();
        var registry = new SessionRegistry(store, liveness, TimeProvider.System);
        var session = registry.Record(observation, out var previous);
        if (session.Status.NeedsPerson() && previous != session.Status)
        {
            new StatusChangeNotifier(home, registry, DesktopNotifier.InBackground(home)).OnStatusChanged(previous, session);
        }

        if (session.IsEnded && previous is not null && eventName == HookEvents.SessionEnd)
        {
            // The session's work is abandoned the moment it exits: its locks and claims go back, journaled.
            new Coordinator(store, TimeProvider.System).ReleaseAbandoned(session.SessionId, session.SessionId);
        }

        if (eventName == HookEvents.PreToolUse && CheckLeases(input, session, store, liveness) is { } leaseOutput)
        {
            print(leaseOutput);
        }
        else if (eventName is HookEvents.SessionStart or HookEvents.UserPromptSubmit or HookEvents.PostToolUse
            && input.AgentId is null && !session.IsEnded && session.Status != SessionStatus.Starting)
        {
            MessageDeliveryText.Deliver(
                new Messenger(store, registry, TimeProvider.System),
                session.SessionId,
                "hook",
                store,
                text => print(HookOutput.Context(eventName, text)));
        }
    }

    /// <summary>
    /// The file lease check of a PreToolUse: nothing to do for a tool that writes no path that can be told, or in mode
    /// <c>off</c>; else one read of the project's mode, one of the live <c>file:</c> locks and one per holder of a lease the
    /// write touches.
    /// </summary>
    private static string? CheckLeases(HookInput input, Session session, SqliteStore store, ProcessLiveness liveness)
    {
        var targets = ToolWrites.Of(input);
        if (targets.Count == 0 || ProjectPath.RootOf(session) is not { } root)
        {
            return null;
        }

        var (mode, _) = FileLeaseSettings.Read(store, root);
        if (mode == FileLeaseMode.Off)
        {
            return null;
        }

        var conflicts = FileLeaseGuard.Check(store, store, liveness, session, input.Cwd, targets);
        if (conflicts.Count == 0)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        return mode == FileLeaseMode.Enforce
            ? HookOutput.Deny(FileLeaseGuard.Describe(conflicts, now))
            : HookOutput.Context(HookEvents.PreToolUse, FileLeaseGuard.DescribeWarning(conflicts, now));
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The socket path in tmux's <c>TMUX</c> variable (<c>socket_path,server_pid,session_index</c>).</summary>
    private static string? TmuxSocketOf(string? tmux) =>
        tmux?.Split(',') is { Length: >= 3 } parts ? string.Join(',', parts[..^2]) : null;

    /// <summary>Git is asked only where the branch or dirty state may have changed: when a session starts, a prompt is
    /// submitted or a turn ends, and after a tool that can write (Bash and the file tools); not after reads.</summary>
    private static bool LooksAtGit(string eventName, string? toolName) => eventName switch
    {
        HookEvents.SessionStart or HookEvents.UserPromptSubmit or HookEvents.Stop => true,
        HookEvents.PostToolUse => toolName is "Bash" || (toolName is not null && ToolWrites.FileTools.Contains(toolName)),
        _ => false,
    };

    /// <summary>Reads all of stdin (so Claude Code never writes into a closed pipe), keeping at most <see cref="HookInput.MaxBytes"/>.</summary>
    internal static ReadOnlyMemory<byte> ReadInput(Stream stdin)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total <= HookInput.MaxBytes)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        if (total > HookInput.MaxBytes)
        {
            throw new InvalidDataException($"hook input of {total} bytes is larger than the {HookInput.MaxBytes} allowed; not recorded");
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
