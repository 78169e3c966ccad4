using System.Text.Json.Nodes;

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

    /// <summary>A session joined a task list (or left it). Data: <c>{"task_list": "..."}</c> (null: left).</summary>
    public const string SessionTaskList = "session.task_list";

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

    /// <summary>A person marked a session's wait as seen (<c>baton ack</c>). Data: <c>{"status": "waiting_input"}</c>.</summary>
    public const string SessionSeen = "session.seen";

    /// <summary><c>baton restore</c> claimed a run lost with its machine or tmux server, to start its conversation again (the
    /// run is ended if it was still open). Data: <c>{"from": "running", "cwd": "..."}</c>.</summary>
    public const string SessionRestored = "session.restored";

    /// <summary><c>baton restore</c> could not start a claimed run again, so gave the claim back. Data: <c>{"reason": "..."}</c>.</summary>
    public const string SessionRestoreFailed = "session.restore_failed";

    /// <summary>Old journal entries were deleted (<c>baton gc</c>). Subject <see cref="JournalSubject"/>. Data:
    /// <c>{"deleted": 1200, "kept_in_use": 3, "remaining": 5001, "max_age_days": 30?, "max_rows": 1000000?}</c>.</summary>
    public const string JournalGc = "journal.gc";

    /// <summary>The subject of changes to the journal itself.</summary>
    public const string JournalSubject = "journal";

    /// <summary><c>baton store copy</c> brought another store's rows into this one; data: the source store's id and the
    /// rows copied per kind.</summary>
    public const string StoreCopied = "store.copied";

    /// <summary>The subject of <see cref="StoreCopied"/>.</summary>
    public const string StoreSubject = "store";

    /// <summary>Data of <see cref="JournalGc"/>.</summary>
    /// <param name="retention">What was kept.</param>
    /// <param name="deleted">Entries deleted.</param>
    /// <param name="keptInUse">Entries kept because something needs them.</param>
    /// <param name="remaining">Entries left, this one included.</param>
    /// <returns>The compact JSON object.</returns>
    public static string JournalGcData(JournalRetention retention, long deleted, long keptInUse, long remaining)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return new JsonObject
        {
            ["deleted"] = deleted,
            ["kept_in_use"] = keptInUse,
            ["remaining"] = remaining,
            ["max_age_days"] = retention.MaxAge?.TotalDays,
            ["max_rows"] = retention.MaxRows,
        }.ToJsonString();
    }

    /// <summary>The subject name of a session: <c>session:&lt;session_id&gt;</c>.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The subject.</returns>
    public static string SessionSubject(string sessionId) => "session:" + sessionId;
}
