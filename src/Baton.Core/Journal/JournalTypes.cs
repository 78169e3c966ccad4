namespace Baton.Core.Journal;

/// <summary>The journal entry types Baton writes, and the shape of their <see cref="JournalEntry.Data"/>.</summary>
public static class JournalTypes
{
    /// <summary>A session's status changed. Data: <c>{"event": "Stop", "from": "running", "to": "waiting_input", "tool": "Bash"?, "reason": "..."?}</c>.</summary>
    public const string SessionStatus = "session.status";

    /// <summary>A hook event was recorded without changing the status. Data: <c>{"event": "PostToolUse", "status": "running", "tool": "Bash"?}</c>.</summary>
    public const string SessionActivity = "session.activity";

    /// <summary>A session's task description was set. Data: <c>{"task": "..."}</c> (null clears it).</summary>
    public const string SessionTask = "session.task";

    /// <summary>A session whose process was gone was moved to history. Data: <c>{"from": "running"}</c>.</summary>
    public const string SessionPruned = "session.pruned";

    /// <summary>A session was created by <c>baton new</c>, before claude started. Data: <c>{"name": "...", "task": "..."?, "cwd": "..."}</c>.</summary>
    public const string SessionLaunched = "session.launched";

    /// <summary>A session was renamed. Data: <c>{"from": "..."?, "to": "..."}</c>.</summary>
    public const string SessionRenamed = "session.renamed";

    /// <summary>A session was ended by <c>baton kill</c>. Data: <c>{"from": "running", "force": false}</c>.</summary>
    public const string SessionKilled = "session.killed";

    /// <summary>A desktop notification about a session was sent. Data: <c>{"status": "waiting_permission"}</c>.</summary>
    public const string SessionNotified = "session.notified";

    /// <summary>The subject name of a session: <c>session:&lt;session_id&gt;</c>.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The subject.</returns>
    public static string SessionSubject(string sessionId) => "session:" + sessionId;
}
