using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The store's schema as forward migrations. <c>PRAGMA user_version</c> holds how many have run; on open, the missing
/// ones run in one write transaction, so two processes opening a new file at once migrate it exactly once.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sessions (
            session_id       TEXT PRIMARY KEY,
            name             TEXT,
            status           TEXT NOT NULL,
            status_reason    TEXT,
            cwd              TEXT,
            project_root     TEXT,
            project          TEXT,
            branch           TEXT,
            dirty            INTEGER,
            pid              INTEGER,
            process_start    INTEGER,
            host             TEXT,
            transcript_path  TEXT,
            model            TEXT,
            task             TEXT,
            last_event       TEXT,
            last_tool        TEXT,
            started_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            ended_at         INTEGER,
            end_reason       TEXT,
            active_subagents INTEGER NOT NULL DEFAULT 0,
            stop_pending     INTEGER NOT NULL DEFAULT 0,
            event_order      INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sessions_by_end ON sessions (ended_at);
        CREATE INDEX sessions_by_name ON sessions (name);
        CREATE TABLE journal (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            type       TEXT NOT NULL,
            subject    TEXT NOT NULL,
            actor      TEXT NOT NULL,
            at         INTEGER NOT NULL,
            data       TEXT
        );
        """,
        """
        ALTER TABLE sessions ADD COLUMN launch_id TEXT;
        ALTER TABLE sessions ADD COLUMN tmux_socket TEXT;
        ALTER TABLE sessions ADD COLUMN tmux_pane TEXT;
        ALTER TABLE sessions ADD COLUMN notified_at INTEGER;
        CREATE INDEX sessions_by_launch ON sessions (launch_id);
        CREATE UNIQUE INDEX sessions_open_name ON sessions (name) WHERE ended_at IS NULL AND name IS NOT NULL;
        """,
        """
        -- Coordination (issue 4). Times are Unix milliseconds (UTC) by the store's clock.
        -- state: a deleted key stays as a row with value NULL so its version never repeats (no ABA on compare-and-set).
        CREATE TABLE state (
            scope      TEXT NOT NULL,
            key        TEXT NOT NULL,
            value      TEXT,
            version    INTEGER NOT NULL,
            writer     TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        -- locks: one row per resource ever locked; token is the last token granted (kept after release), holder NULL when released.
        CREATE TABLE locks (
            resource    TEXT PRIMARY KEY,
            token       INTEGER NOT NULL,
            holder      TEXT,
            reason      TEXT,
            acquired_at INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX locks_by_holder ON locks (holder) WHERE holder IS NOT NULL;
        -- queue_items: status pending | claimed | done; a claimed item whose lease_expires_at has passed counts as pending.
        CREATE TABLE queue_items (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            queue            TEXT NOT NULL,
            item             TEXT NOT NULL,
            priority         INTEGER NOT NULL,
            status           TEXT NOT NULL,
            enqueued_by      TEXT NOT NULL,
            enqueued_at      INTEGER NOT NULL,
            claimer          TEXT,
            claimed_at       INTEGER,
            lease_expires_at INTEGER,
            attempts         INTEGER NOT NULL DEFAULT 0,
            completed_at     INTEGER,
            result           TEXT
        );
        CREATE INDEX queue_items_by_queue ON queue_items (queue, id);
        CREATE INDEX queue_items_pending ON queue_items (queue, priority DESC, id) WHERE status = 'pending';
        CREATE INDEX queue_items_claimed ON queue_items (queue, lease_expires_at) WHERE status = 'claimed';
        CREATE INDEX queue_items_by_claimer ON queue_items (claimer) WHERE status = 'claimed';
        CREATE TABLE handoffs (
            subject    TEXT PRIMARY KEY,
            next_steps TEXT NOT NULL,
            context    TEXT NOT NULL,
            to_session TEXT,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            taken_by   TEXT,
            taken_at   INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX journal_by_type ON journal (type, seq);
        CREATE INDEX journal_by_actor ON journal (actor, seq);
        """,
        """
        -- Messages (issue 5). Times are Unix milliseconds (UTC) by the store's clock. A message is immutable once sent;
        -- message_recipients holds each recipient's copy: taken_at/take_token (a hook's delivery claim), delivered_at, and
        -- read_at (delivered into context or shown by the inbox; NULL = unread).
        CREATE TABLE messages (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            thread_id  INTEGER NOT NULL,
            reply_to   INTEGER,
            sender     TEXT NOT NULL,
            body       TEXT NOT NULL,
            urgent     INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX messages_by_thread ON messages (thread_id, id);
        CREATE TABLE message_recipients (
            recipient    TEXT NOT NULL,
            message_id   INTEGER NOT NULL REFERENCES messages (id),
            position     INTEGER NOT NULL,
            taken_at     INTEGER,
            take_token   TEXT,
            delivered_at INTEGER,
            read_at      INTEGER,
            PRIMARY KEY (recipient, message_id)
        ) WITHOUT ROWID;
        CREATE INDEX message_recipients_unread ON message_recipients (recipient, message_id) WHERE read_at IS NULL;
        CREATE INDEX message_recipients_by_message ON message_recipients (message_id, position);
        """,
        """
        -- The threads a session sent a message in (history), without reading every message.
        CREATE INDEX messages_by_sender ON messages (sender, thread_id);
        """,
        """
        -- Since when a session has had its status (how long a prompt has waited); rows from before start at their last update.
        ALTER TABLE sessions ADD COLUMN status_since INTEGER;
        UPDATE sessions SET status_since = updated_at;
        """,
        """
        -- When a person marked a session's wait as seen (baton ack); cleared by the store when the status changes.
        ALTER TABLE sessions ADD COLUMN seen_at INTEGER;
        """,
        """
        -- The Claude Code task list a session shares, and when baton restore claimed an ended run (issue 15).
        ALTER TABLE sessions ADD COLUMN task_list TEXT;
        ALTER TABLE sessions ADD COLUMN restored_at INTEGER;
        """,
        """
        -- The claude process's boot id and start in clock ticks since boot: liveness immune to wall-clock steps (issue 15).
        ALTER TABLE sessions ADD COLUMN process_boot_id TEXT;
        ALTER TABLE sessions ADD COLUMN process_start_ticks INTEGER;
        """,
        """
        -- Shared task lists (issue 12). Times are Unix milliseconds (UTC) by the store's clock. task_lists.last_id is the last
        -- id given in the list (ids are never reused). tasks.open_blockers counts the task's blockers that are not completed,
        -- kept in the same transaction as every change to them, so the ready set (pending, unowned, open_blockers = 0) is one
        -- partial index. task_dependencies: task waits for blocker, both in list.
        CREATE TABLE task_lists (
            name       TEXT PRIMARY KEY,
            last_id    INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE tasks (
            list          TEXT NOT NULL,
            id            INTEGER NOT NULL,
            subject       TEXT NOT NULL,
            description   TEXT NOT NULL,
            status        TEXT NOT NULL,
            owner         TEXT,
            priority      INTEGER NOT NULL,
            role          TEXT,
            open_blockers INTEGER NOT NULL DEFAULT 0,
            created_at    INTEGER NOT NULL,
            created_by    TEXT NOT NULL,
            updated_at    INTEGER NOT NULL,
            updated_by    TEXT NOT NULL,
            result        TEXT,
            PRIMARY KEY (list, id)
        );
        CREATE INDEX tasks_ready ON tasks (list, priority DESC, id) WHERE status = 'pending' AND owner IS NULL AND open_blockers = 0;
        CREATE INDEX tasks_by_owner ON tasks (owner, list, id) WHERE owner IS NOT NULL;
        CREATE TABLE task_dependencies (
            list    TEXT NOT NULL,
            task    INTEGER NOT NULL,
            blocker INTEGER NOT NULL,
            PRIMARY KEY (list, task, blocker)
        ) WITHOUT ROWID;
        CREATE INDEX task_dependencies_by_blocker ON task_dependencies (list, blocker, task);
        """,
        """
        -- A teammate of an agent team: its team, its name there and the session of the lead that started it (issue 11).
        ALTER TABLE sessions ADD COLUMN team_name TEXT;
        ALTER TABLE sessions ADD COLUMN agent_name TEXT;
        ALTER TABLE sessions ADD COLUMN parent_session_id TEXT;
        """,
        """
        -- Who and where (issue 13): the OS user a session runs as (beside its host), and user@host of the process that made
        -- each change. store_identity names this store (random, once) and copied_rows remembers the rows baton store copy
        -- brought from another store (by that store's id, the kind and the row's id there), so a second copy adds nothing.
        ALTER TABLE sessions ADD COLUMN os_user TEXT;
        ALTER TABLE journal ADD COLUMN origin TEXT;
        CREATE TABLE store_identity (id TEXT NOT NULL);
        INSERT INTO store_identity (id) VALUES (lower(hex(randomblob(16))));
        CREATE TABLE copied_rows (
            source    TEXT NOT NULL,
            kind      TEXT NOT NULL,
            source_id INTEGER NOT NULL,
            target_id INTEGER NOT NULL,
            PRIMARY KEY (source, kind, source_id)
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The schema version a fully migrated file has.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Runs the migrations the file lacks.</summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="writers">The connection's turn in the store's writer queue, or null.</param>
    /// <exception cref="SqliteException">A migration failed; the transaction is rolled back.</exception>
    /// <exception cref="InvalidOperationException">The file was written by a newer Baton.</exception>
    public static void Migrate(SqliteConnection connection, SqliteWriterQueue? writers)
    {
        if (ReadVersion(connection) == LatestVersion)
        {
            return;
        }

        SqliteTransactions.InWriteTransaction(connection, writers, () =>
        {
            var version = ReadVersion(connection);
            if (version > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The store has schema version {version}, newer than this Baton knows ({LatestVersion}); update Baton.");
            }

            for (var i = version; i < LatestVersion; i++)
            {
                connection.Execute(Migrations[i]);
            }

            connection.Execute($"PRAGMA user_version = {LatestVersion}");
        });
    }

    /// <summary>Reads <c>PRAGMA user_version</c>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <returns>The number of migrations applied.</returns>
    public static int ReadVersion(SqliteConnection connection)
    {
        return Convert.ToInt32(connection.Scalar("PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
    }
}
