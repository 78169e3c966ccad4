using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Registry;
using Baton.ClaudeCode.Tasks;
using Baton.ClaudeCode.Teams;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Home;
using Baton.Core.Messages;
using Baton.Core.Notifications;
using Baton.Core.Relay;
using Baton.Core.Repositories;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Platform.Git;
using Baton.Platform.Notifications;
using Baton.Platform.Processes;

namespace Baton.Cli.Hooks;

/// <summary>
/// What a hook does, wherever it runs: in the <c>baton hook</c> process Claude Code started (<see cref="HookEntryPoint"/>),
/// or in the resident server for a call <c>baton-relay</c> forwarded (<see cref="Serve.ResidentServer"/>). It records the
/// event, then prints what the event asks for: for PreToolUse the file lease check (<see cref="FileLeaseGuard"/>) in the
/// project's mode; for SessionStart, UserPromptSubmit and PostToolUse of the main agent (not of a subagent, whose context
/// is not the session's) the session's undelivered messages as <c>additionalContext</c> (<see cref="MessageDeliveryText"/>),
/// taken with a token of its own, printed, then confirmed delivered.
/// </summary>
internal static class HookHandler
{
    /// <summary>How long git may take to tell a working tree's state.</summary>
    public static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Handles one hook call.</summary>
    /// <param name="call">The call: event, hook process start, claude's pid and the forwarded variables.</param>
    /// <param name="input">The hook input JSON (Claude Code hook input, see docs/claude-code.md).</param>
    /// <param name="store">An open store, used by this call alone.</param>
    /// <param name="home">Baton's home (for notifications).</param>
    /// <param name="print">Prints one line of hook output to stdout; false when it could not (nothing is then confirmed).</param>
    /// <param name="gitAfterAnswer">
    /// True to leave the git probe of a working tree that may have changed to the caller, after it answered
    /// (<see cref="HookHandled.GitDirectory"/>); false to probe before recording. SessionStart then records the project root
    /// and branch read from <c>.git</c>'s files first (<see cref="GitWorkingTree.ReadHead"/>): the root decides conflicts and leases.
    /// </param>
    /// <param name="spoolId">The event's id in the spool (<see cref="HookSpool"/>), recorded in its journal entry; null for
    /// an event that was never spooled.</param>
    /// <param name="replay">True for a spooled event replayed later: it is recorded as of the hook's start, and a claude
    /// process that started after the hook is not taken for the session's.</param>
    /// <returns>What was handled.</returns>
    /// <exception cref="ArgumentException">The event is unknown.</exception>
    /// <exception cref="FormatException">The input is not hook input.</exception>
    /// <exception cref="Core.Storage.StoreException">The store failed.</exception>
    public static HookHandled Handle(RelayRequest call, ReadOnlyMemory<byte> input, IBatonStore store, BatonHome home, Func<string, bool> print, bool gitAfterAnswer, string? spoolId = null, bool replay = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (input.Length > HookInput.MaxBytes)
        {
            throw new InvalidDataException($"hook input of {input.Length} bytes is larger than the {HookInput.MaxBytes} allowed; not recorded");
        }

        var hook = HookInput.Parse(input);
        var eventName = hook.EventName ?? call.EventName;
        if (!HookEvents.IsKnown(eventName))
        {
            throw new ArgumentException($"unknown hook event '{eventName}'; known: {string.Join(", ", HookEvents.All)}");
        }

        var gitDirectory = LooksAtGit(eventName, hook.ToolName) && hook.Cwd is { } cwd && Directory.Exists(cwd) ? cwd : null;
        var probeNow = gitDirectory is not null && !gitAfterAnswer;
        // A pid read later than the hook ran (a replayed event) may be another process's by now: only one started before it counts.
        var process = call.ParentPid is { } parent && ClaudeProcess.Above(parent) is { } found && (!replay || found.StartTime <= call.HookStart) ? found : null;
        var observation = new HookObservation
        {
            SessionId = hook.SessionId,
            EventName = eventName,
            Order = HookEventOrder.Compose(call.HookStart, eventName),
            Cwd = hook.Cwd,
            TranscriptPath = hook.TranscriptPath,
            Model = hook.Model,
            ToolName = hook.ToolName,
            NotificationType = hook.NotificationType,
            AgentId = hook.AgentId,
            Reason = eventName == HookEvents.StopFailure ? hook.Error : hook.Reason,
            Process = process,
            Teammate = eventName == HookEvents.SessionStart && process is not null ? TeammateLaunch.Of(process.Pid) : null,
            TeammateName = hook.TeammateName,
            TaskId = hook.TaskId,
            TaskSubject = hook.TaskSubject,
            Git = probeNow ? GitProbe.Read(gitDirectory!, GitTimeout)
                : eventName == HookEvents.SessionStart && gitDirectory is not null ? GitWorkingTree.ReadHead(gitDirectory) : null,
            LaunchId = call.Variable("BATON_LAUNCH_ID"),
            TaskList = call.Variable(RelayRequest.TaskListVariable) is { } list && NativeTask.IsListName(list) ? list : null,
            TmuxSocket = TmuxSocketOf(call.Variable("TMUX")),
            TmuxPane = call.Variable("TMUX_PANE"),
            At = replay ? DateTimeOffset.FromUnixTimeMilliseconds(call.HookStart * 10) : DateTimeOffset.UtcNow,
            SpoolId = spoolId,
        };

        var liveness = new ProcessLiveness();
        var registry = new SessionRegistry(store, liveness, TimeProvider.System);
        var session = registry.Record(observation, out var previous);
        if (session.Status.NeedsPerson() && previous != session.Status)
        {
            new StatusChangeNotifier(home, registry, DesktopNotifier.InBackground(home, call.Variable)).OnStatusChanged(previous, session);
        }

        if (session.IsEnded && previous is not null && eventName == HookEvents.SessionEnd)
        {
            // The session's work is abandoned the moment it exits: its locks, claims and tasks go back, journaled.
            AbandonedWorkSweep.Release(store, TimeProvider.System, session.SessionId, session.SessionId);
        }

        if (eventName == HookEvents.PostToolUse && hook.SentMessage is var (to, body) && !session.IsEnded
            && NativeSessionFile.Addressee(to, NativeSessionFile.UserFolder) is { } addressee)
        {
            // A message Claude Code's own SendMessage delivered: kept in Baton's threads and history, not delivered again.
            new Messenger(store, registry, TimeProvider.System).KeepDelivered(addressee, body, session.SessionId, "claude");
        }

        // A native task change reaches the list's other sessions through the journal, as Baton's own task changes do.
        NativeTaskChange.Record(hook, eventName, session, store, new BatonLog(home));

        if (eventName == HookEvents.PreToolUse && CheckLeases(hook, session, store, liveness) is { } leaseOutput)
        {
            print(leaseOutput);
        }
        else if (eventName == HookEvents.PreToolUse && NativeTaskCheck.Check(hook, session, store, liveness) is { } taskOutput)
        {
            print(taskOutput);
        }
        else if (eventName is HookEvents.SessionStart or HookEvents.UserPromptSubmit or HookEvents.PostToolUse
            && hook.AgentId is null && !session.IsEnded && session.Status != SessionStatus.Starting)
        {
            // One context for the hook: the shared-tree warning, the task notices, then the messages.
            var warning = eventName == HookEvents.SessionStart ? SharedWorkingTree.WarningFor(registry, session) : null;
            var before = JoinTexts(warning, new TaskNotices(store).Take(session.SessionId));
            var delivered = MessageDeliveryText.Deliver(
                new Messenger(store, registry, TimeProvider.System),
                session.SessionId,
                "hook",
                store,
                text => print(HookOutput.Context(eventName, JoinTexts(before, text)!)));
            if (before is not null && delivered.Count == 0)
            {
                print(HookOutput.Context(eventName, before));
            }
        }

        return new HookHandled(session.SessionId, probeNow || session.IsEnded ? null : gitDirectory);
    }

    /// <summary>Probes git in a session's working tree and records what changed (the part of a hook left until after it
    /// answered, see <see cref="Handle"/>).</summary>
    /// <param name="handled">What <see cref="Handle"/> returned; nothing is done without a <see cref="HookHandled.GitDirectory"/>,
    /// or once the session has ended (a probe the server ran later than the hook).</param>
    /// <param name="store">An open store, used by this call alone.</param>
    /// <exception cref="Core.Storage.StoreException">The store failed.</exception>
    public static void RecordGit(HookHandled handled, IBatonStore store)
    {
        ArgumentNullException.ThrowIfNull(handled);
        if (handled.GitDirectory is { } directory
            && store.GetSession(handled.SessionId) is { IsEnded: false }
            && GitProbe.Read(directory, GitTimeout) is { } git)
        {
            new SessionRegistry(store, new ProcessLiveness(), TimeProvider.System).RecordGit(handled.SessionId, git);
        }
    }

    /// <summary>
    /// The file lease check of a PreToolUse: nothing to do for a tool that writes no path that can be told, or in mode
    /// <c>off</c>; else one read of the project's mode, one of the live <c>file:</c> locks and one per holder of a lease the
    /// write touches.
    /// </summary>
    private static string? CheckLeases(HookInput input, Session session, IBatonStore store, ProcessLiveness liveness)
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

        var conflicts = FileLeaseGuard.Check(store, liveness, session, input.Cwd, targets);
        if (conflicts.Count == 0)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        return mode == FileLeaseMode.Enforce
            ? HookOutput.Deny(FileLeaseGuard.Describe(conflicts, now))
            : HookOutput.Context(HookEvents.PreToolUse, FileLeaseGuard.DescribeWarning(conflicts, now));
    }

    /// <summary>Joins texts for one hook's context, a blank line between them; null when there is none.</summary>
    /// <param name="first">The first text, or null.</param>
    /// <param name="second">The second text, or null.</param>
    /// <returns>The joined text, or null.</returns>
    internal static string? JoinTexts(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "\n\n" + second;

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
}
