using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Core.Storage;

namespace Baton.Core.Sessions;

// The registry's part for baton restore: it finds and claims the runs that were live on this machine when it went down or
// its tmux server was lost (open with their process gone, moved to history as pruned, or ended by a signal: claude 2.1.197
// hung up by a lost tmux server still sends SessionEnd, with reason "other"), never those ended on purpose (/exit, /clear,
// logout, baton kill, a failed launch). Each run is claimed once, in one store change that sets Session.RestoredAt, so two
// restores never start one conversation twice.
public sealed partial class SessionRegistry
{
    /// <summary>How recent a lost run's last change must be for it to be restored: older ones are history.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(7);

    /// <summary>The SessionEnd reason of a claude ended by a signal (its tmux server or terminal gone, the machine going
    /// down), not by the person.</summary>
    public const string SignalledReason = "other";

    /// <summary>The runs to restore now, oldest start first, at most one per conversation (its latest run).</summary>
    /// <returns>The runs as stored.</returns>
    public IReadOnlyList<Session> RestoreCandidates()
    {
        // Open sessions and those that ended within the window, read one at a time: the rest of history is never loaded.
        var since = _time.GetUtcNow() - RestoreWindow;
        return _store.ReadSessions(new SessionFilter(IncludeOpen: true, IncludeEnded: true, EndedFrom: since))
            .Where(s => s.UpdatedAt >= since && IsLost(s))
            .ToList();
    }

    /// <summary>
    /// Claims a run to restore, in one store change that writes only if the run is as it was when judged lost (its process
    /// is looked at outside the transaction): it must still be lost and unclaimed; an open one is moved to history
    /// as <see cref="PrunedReason"/>; <see cref="Session.RestoredAt"/> is set and the change journaled as
    /// <see cref="JournalTypes.SessionRestored"/>.
    /// </summary>
    /// <param name="sessionId">The run's id (a conversation id).</param>
    /// <param name="actor">Who restores.</param>
    /// <returns>The run as stored after the claim, or null when it is not (or no longer) to be restored: another restore
    /// claimed it, or it came back meanwhile.</returns>
    public Session? ClaimRestore(string sessionId, string actor)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var now = _time.GetUtcNow();
        Session? claimed = null;
        ChangeAsRead(sessionId, current =>
        {
            claimed = null;
            if (current is null || !IsLost(current))
            {
                return null;
            }

            claimed = current with
            {
                Status = SessionStatus.Exited,
                EndedAt = current.EndedAt ?? now,
                EndReason = current.EndReason ?? PrunedReason,
                RestoredAt = now,
                UpdatedAt = now,
                ActiveSubagents = 0,
                StopPending = false,
            };
            var data = new JsonObject { ["from"] = current.Status.ToWire(), ["cwd"] = current.Cwd };
            return new SessionChange(claimed, JournalTypes.SessionRestored, actor, data.ToJsonString());
        });
        return claimed;
    }

    /// <summary>Gives a claim back when the run could not be started again (journaled as <see cref="JournalTypes.SessionRestoreFailed"/>),
    /// so a later restore tries it again.</summary>
    /// <param name="sessionId">The run's id.</param>
    /// <param name="reason">Why it could not be started.</param>
    /// <param name="actor">Who restores.</param>
    public void ReleaseRestore(string sessionId, string reason, string actor)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        _store.UpdateSession(sessionId, current => current is not { RestoredAt: not null, IsEnded: true } ? null : new SessionChange(
            current with { RestoredAt = null, UpdatedAt = _time.GetUtcNow() },
            JournalTypes.SessionRestoreFailed,
            actor,
            new JsonObject { ["reason"] = reason }.ToJsonString()));
    }

    private bool IsLost(Session s) =>
        s.RestoredAt is null
        && s.Cwd is not null
        && s.SessionId != s.LaunchId
        && s.SessionId == ConversationRuns.ConversationId(s.SessionId)
        && (s.Host is null || s.Host == ThisProcess.HostName)
        && (s.IsEnded ? s.EndReason is PrunedReason or SignalledReason : s.Status != SessionStatus.Exited && _liveness.IsGone(s));
}
