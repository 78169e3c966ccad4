using Baton.ClaudeCode.Hooks;
using Baton.ClaudeCode.Tasks;
using Baton.Core;
using Baton.Core.Coordination;
using Baton.Core.Coordination.FileLeases;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Hooks;

/// <summary>
/// The PreToolUse check that makes Claude Code's native task lists race-safe: a TaskUpdate of a session that works a list
/// (<see cref="Session.TaskList"/>, set by <c>baton new --task-list</c>) that sets an owner claims the task for the session
/// with a Baton lock <c>native-task:&lt;list&gt;/&lt;id&gt;</c> (one store transaction: of two sessions claiming at once,
/// exactly one wins, and a holder that is gone is let go first); one that moves a task to <c>in_progress</c> is checked
/// against the task's <c>blockedBy</c> files. A claim taken by another live session or an open blocker is told to the agent
/// (<c>warn</c>, the default) or denies the update (<c>enforce</c>), naming the owner or the blocker
/// (<see cref="NativeTaskSettings"/>). Completing or deleting the task lets its claim go.
/// </summary>
internal static class NativeTaskCheck
{
    /// <summary>How long a native claim lasts unless the task is completed first.</summary>
    private static readonly TimeSpan ClaimLifetime = CoordinationLimits.MaxDuration;

    /// <summary>Checks a PreToolUse of TaskUpdate.</summary>
    /// <param name="input">The hook input.</param>
    /// <param name="session">The session, as recorded.</param>
    /// <param name="store">The store.</param>
    /// <param name="liveness">Judges whether another claimer is gone.</param>
    /// <returns>The hook's output (a denial, or context), or null to say nothing.</returns>
    public static string? Check(HookInput input, Session session, IBatonStore store, ISessionLiveness liveness)
    {
        if (input.ToolName != "TaskUpdate" || input.ToolTaskId is not { } id || session.TaskList is not { } list
            || !Coordination.CoordinationCli.IsPlainName(NativeTaskSettings.ClaimResource(list, id)))
        {
            return null;
        }

        var mode = NativeTaskSettings.Read(store, list);
        if (mode == FileLeaseMode.Off)
        {
            return null;
        }

        var problem = Blocker(input, list, id) ?? Claim(input, session, store, liveness, list, id);
        if (problem is null)
        {
            return null;
        }

        return mode == FileLeaseMode.Enforce
            ? HookOutput.Deny($"Baton: {problem} This update was denied; pick another task (TaskList), or wait.")
            : HookOutput.Context(HookEvents.PreToolUse, $"Baton (warning): {problem}");
    }

    private static string? Blocker(HookInput input, string list, string id)
    {
        if (input.ToolStatus != "in_progress" || NativeTask.ClaudeDirectoryOf(input.TranscriptPath) is not { } claude
            || NativeTask.Read(claude, list, id) is not { } task)
        {
            return null;
        }

        foreach (var blockerId in task.BlockedBy)
        {
            if (NativeTask.Read(claude, list, blockerId) is { Status: not "completed" } blocker)
            {
                var owner = blocker.Owner is { } o ? $", owner {o}" : ", no owner";
                return $"task #{id} '{task.Subject}' of list '{list}' is blocked by #{blocker.Id} '{blocker.Subject}' ({blocker.Status}{owner}); it can start once that is completed.";
            }
        }

        return null;
    }

    private static string? Claim(HookInput input, Session session, IBatonStore store, ISessionLiveness liveness, string list, string id)
    {
        var resource = NativeTaskSettings.ClaimResource(list, id);
        var coordinator = new Coordinator(store, TimeProvider.System);
        if (input.ToolStatus is "completed" or "deleted" || input.ToolOwner is "")
        {
            if (store.GetLock(resource) is { } held && held.Holder == session.SessionId)
            {
                coordinator.ReleaseLock(resource, held.Token, session.SessionId);
            }

            return null;
        }

        if (input.ToolOwner is null)
        {
            return null;
        }

        var reason = $"native task owner '{input.ToolOwner}'";
        var attempt = coordinator.AcquireLock(resource, ClaimLifetime, session.SessionId, reason);
        if (!attempt.Granted && store.GetSession(attempt.Lock.Holder) is { } holder && (holder.IsEnded || liveness.IsGone(holder)))
        {
            AbandonedWorkSweep.Release(store, TimeProvider.System, holder.SessionId, session.SessionId);
            attempt = coordinator.AcquireLock(resource, ClaimLifetime, session.SessionId, reason);
        }

        if (attempt.Granted)
        {
            return null;
        }

        var winner = attempt.Lock.Holder;
        var name = store.GetSession(winner)?.Name is { } n ? $" ({n})" : "";
        return $"task #{id} of list '{list}' is owned by session {SessionRegistry.ShortId(winner)}{name}, which claimed it at " +
            $"{CoordinationJournalTypes.FormatTime(attempt.Lock.AcquiredAt)} as {attempt.Lock.Reason}.";
    }
}
