using Baton.Core.Sessions;

namespace Baton.Core.Tasks;

/// <summary>
/// Whose a Claude Code native task is, as far as Baton can tell: the session that holds its claim (the Baton lock
/// <see cref="NativeTaskSettings.ClaimResource"/> that the PreToolUse check of TaskUpdate takes), or else the session its
/// <c>owner</c> text names (the model writes free text there: Baton reads a session's name, id or short id).
/// </summary>
public static class NativeTaskOwner
{
    /// <summary>Whether a native task is a session's.</summary>
    /// <param name="session">The session.</param>
    /// <param name="claimHolder">The holder of the task's claim lock, or null when none is held.</param>
    /// <param name="owner">The task's <c>owner</c> as written, or null.</param>
    /// <returns>True when the session holds the claim, or no other session does and the owner names this one.</returns>
    public static bool Is(Session session, string? claimHolder, string? owner)
    {
        ArgumentNullException.ThrowIfNull(session);
        return claimHolder is not null
            ? claimHolder == session.SessionId
            : owner is not null && (owner == session.Name || owner == session.SessionId || owner == SessionRegistry.ShortId(session.SessionId));
    }
}
