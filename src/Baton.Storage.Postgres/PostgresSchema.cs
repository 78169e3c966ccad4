using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// The team store's schema as forward migrations, created in the connection's current schema (the first schema of its
/// <c>search_path</c>, <c>public</c> by default), so one database can hold several stores side by side. The table
/// <c>baton_schema</c> holds how many migrations have run; on open, the missing ones run in one transaction under an
/// advisory lock, so two processes opening a new store at once migrate it exactly once. The numbering is the team store's
/// own (SQLite's is separate); times are Unix milliseconds (UTC) in <c>bigint</c> columns, as in the SQLite store, dated by
/// the database's clock (see <see cref="PostgresStore"/>); names and ids compare and sort by code point (<c>COLLATE "C"</c>),
/// as Baton's contract says (ordinal).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The channel every commit that appends to the journal notifies (the payload is the store's schema): what
    /// <see cref="PostgresChangeFeed"/> listens on.</summary>
    public const string NotifyChannel = "baton_journal";

    private static readonly string[] Migrations =
    [
        $$"""
        CREATE TABLE baton_schema (version integer NOT NULL);
        INSERT INTO baton_schema (version) VALUES (0);
        CREATE TABLE sessions (
            session_id          text COLLATE "C" PRIMARY KEY,
            name                text COLLATE "C",
            status              text NOT NULL,
            status_reason       text,
            cwd                 text,
            project_root        text,
            project             text,
            branch              text,
            dirty               boolean,
            pid                 integer,
            process_start       bigint,
            host                text,
            transcript_path     text,
            model               text,
            task                text,
            last_event          text,
            last_tool           text,
            started_at          bigint NOT NULL,
            updated_at          bigint NOT NULL,
            ended_at            bigint,
            end_reason          text,
            active_subagents    integer NOT NULL DEFAULT 0,
            stop_pending        boolean NOT NULL DEFAULT false,
            event_order         bigint NOT NULL DEFAULT 0,
            launch_id           text COLLATE "C",
            tmux_socket         text,
            tmux_pane           text,
            notified_at         bigint,
            status_since        bigint,
            seen_at             bigint,
            task_list           text,
            restored_at         bigint,
            process_boot_id     text,
            process_start_ticks bigint
        );
        CREATE INDEX sessions_by_start ON sessions (started_at, session_id);
        CREATE INDEX sessions_by_end ON sessions (ended_at, session_id);
        CREATE INDEX sessions_by_name ON sessions (name);
        CREATE INDEX sessions_by_launch ON sessions (launch_id);
        CREATE UNIQUE INDEX sessions_open_name ON sessions (name) WHERE ended_at IS NULL AND name IS NOT NULL;
        CREATE TABLE journal (
            seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            type    text COLLATE "C" NOT NULL,
            subject text COLLATE "C" NOT NULL,
            actor   text COLLATE "C" NOT NULL,
            at      bigint NOT NULL,
            data    text
        );
        CREATE INDEX journal_by_type ON journal (type, seq);
        CREATE INDEX journal_by_actor ON journal (actor, seq);
        CREATE INDEX journal_by_subject ON journal (subject);
        -- Every commit that appends to the journal wakes the followers (LISTEN baton_journal), once per transaction.
        CREATE FUNCTION baton_journal_notify() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            PERFORM pg_notify('{{NotifyChannel}}', current_schema());
            RETURN NULL;
        END
        $body$;
        CREATE TRIGGER journal_notify AFTER INSERT ON journal FOR EACH STATEMENT EXECUTE FUNCTION baton_journal_notify();
        -- state: a deleted key stays as a row with value NULL so its version never repeats (no ABA on compare-and-set).
        CREATE TABLE state (
            scope      text COLLATE "C" NOT NULL,
            key        text COLLATE "C" NOT NULL,
            value      text,
            version    bigint NOT NULL,
            writer     text NOT NULL,
            updated_at bigint NOT NULL,
            PRIMARY KEY (scope, key)
        );
        -- locks: one row per resource ever locked; token is the last token granted (kept after release), holder NULL when released.
        CREATE TABLE locks (
            resource    text COLLATE "C" PRIMARY KEY,
            token       bigint NOT NULL,
            holder      text COLLATE "C",
            reason      text,
            acquired_at bigint NOT NULL,
            expires_at  bigint NOT NULL
        );
        CREATE INDEX locks_by_holder ON locks (holder) WHERE holder IS NOT NULL;
        -- queue_items: status pending | claimed | done; a claimed item whose lease_expires_at has passed counts as pending.
        CREATE TABLE queue_items (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            queue            text COLLATE "C" NOT NULL,
            item             text NOT NULL,
            priority         integer NOT NULL,
            status           text NOT NULL,
            enqueued_by      text NOT NULL,
            enqueued_at      bigint NOT NULL,
            claimer          text COLLATE "C",
            claimed_at       bigint,
            lease_expires_at bigint,
            attempts         integer NOT NULL DEFAULT 0,
            completed_at     bigint,
            result           text
        );
        CREATE INDEX queue_items_by_queue ON queue_items (queue, id);
        CREATE INDEX queue_items_pending ON queue_items (queue, priority DESC, id) WHERE status = 'pending';
        CREATE INDEX queue_items_claimed ON queue_items (queue, lease_expires_at) WHERE status = 'claimed';
        CREATE INDEX queue_items_by_claimer ON queue_items (claimer) WHERE status = 'claimed';
        -- The claim's scan (pending, or claimed with a lease that may have lapsed), in claim order.
        CREATE INDEX queue_items_claimable ON queue_items (queue, priority DESC, id) WHERE status <> 'done';
        CREATE TABLE handoffs (
            subject    text COLLATE "C" PRIMARY KEY,
            next_steps text NOT NULL,
            context    text NOT NULL,
            to_session text,
            created_by text NOT NULL,
            created_at bigint NOT NULL,
            taken_by   text,
            taken_at   bigint
        );
        -- A message is immutable once sent; message_recipients holds each recipient's copy: taken_at/take_token (a hook's
        -- delivery claim), delivered_at, and read_at (delivered into context or shown by the inbox; NULL = unread).
        CREATE TABLE messages (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            thread_id  bigint NOT NULL,
            reply_to   bigint,
            sender     text COLLATE "C" NOT NULL,
            body       text NOT NULL,
            urgent     boolean NOT NULL DEFAULT false,
            created_at bigint NOT NULL
        );
        CREATE INDEX messages_by_thread ON messages (thread_id, id);
        CREATE INDEX messages_by_sender ON messages (sender, thread_id);
        CREATE TABLE message_recipients (
            recipient    text COLLATE "C" NOT NULL,
            message_id   bigint NOT NULL REFERENCES messages (id),
            position     integer NOT NULL,
            taken_at     bigint,
            take_token   text,
            delivered_at bigint,
            read_at      bigint,
            PRIMARY KEY (recipient, message_id)
        );
        CREATE INDEX message_recipients_unread ON message_recipients (recipient, message_id) WHERE read_at IS NULL;
        CREATE INDEX message_recipients_by_message ON message_recipients (message_id, position);
        """,
        """
        -- Shared task lists (issue 12). task_lists.last_id is the last id given in the list (ids are never reused).
        -- tasks.open_blockers counts the task's blockers that are not completed, kept in the same transaction as every
        -- change to them, so the ready set (pending, unowned, open_blockers = 0) is one partial index. task_dependencies:
        -- task waits for blocker, both in list.
        CREATE TABLE task_lists (
            name       text COLLATE "C" PRIMARY KEY,
            last_id    bigint NOT NULL,
            created_at bigint NOT NULL,
            created_by text NOT NULL
        );
        CREATE TABLE tasks (
            list          text COLLATE "C" NOT NULL,
            id            bigint NOT NULL,
            subject       text NOT NULL,
            description   text NOT NULL,
            status        text NOT NULL,
            owner         text COLLATE "C",
            priority      integer NOT NULL,
            role          text COLLATE "C",
            open_blockers integer NOT NULL DEFAULT 0,
            created_at    bigint NOT NULL,
            created_by    text NOT NULL,
            updated_at    bigint NOT NULL,
            updated_by    text NOT NULL,
            result        text,
            PRIMARY KEY (list, id)
        );
        CREATE INDEX tasks_ready ON tasks (list, priority DESC, id) WHERE status = 'pending' AND owner IS NULL AND open_blockers = 0;
        CREATE INDEX tasks_by_owner ON tasks (owner, list, id) WHERE owner IS NOT NULL;
        CREATE TABLE task_dependencies (
            list    text COLLATE "C" NOT NULL,
            task    bigint NOT NULL,
            blocker bigint NOT NULL,
            PRIMARY KEY (list, task, blocker)
        );
        CREATE INDEX task_dependencies_by_blocker ON task_dependencies (list, blocker, task);
        """,
        """
        -- A teammate of an agent team: its team, its name there and the session of the lead that started it (issue 11).
        ALTER TABLE sessions ADD COLUMN team_name text;
        ALTER TABLE sessions ADD COLUMN agent_name text;
        ALTER TABLE sessions ADD COLUMN parent_session_id text COLLATE "C";
        """,
        """
        -- Who and where (issue 13): the OS user a session runs as (beside its host), and user@host of the process that made
        -- each change. store_identity names this store (random, once) and copied_rows remembers the rows baton store copy
        -- brought from another store (by that store's id, the kind and the row's id there), so a second copy adds nothing.
        ALTER TABLE sessions ADD COLUMN os_user text;
        ALTER TABLE journal ADD COLUMN origin text;
        CREATE TABLE store_identity (id text NOT NULL);
        INSERT INTO store_identity (id) VALUES (md5(random()::text || clock_timestamp()::text || current_schema()));
        CREATE TABLE copied_rows (
            source    text COLLATE "C" NOT NULL,
            kind      text COLLATE "C" NOT NULL,
            source_id bigint NOT NULL,
            target_id bigint NOT NULL,
            PRIMARY KEY (source, kind, source_id)
        );
        """,
    ];

    /// <summary>The schema version a fully migrated store has.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Runs the migrations the store lacks.</summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <exception cref="PostgresException">A migration failed (for example, the user may not create tables: SQLSTATE
    /// 42501); the transaction is rolled back.</exception>
    /// <exception cref="InvalidOperationException">The store was written by a newer Baton.</exception>
    public static void Migrate(NpgsqlConnection connection)
    {
        var found = ReadVersion(connection);
        if (found == LatestVersion)
        {
            return;
        }

        RefuseNewer(found);
        using var transaction = connection.BeginTransaction();
        connection.Execute("SELECT pg_advisory_xact_lock(hashtext('baton.migrate:' || current_schema()))");
        var version = connection.Scalar("SELECT to_regclass('baton_schema') IS NOT NULL") is true ? ReadVersion(connection) : 0;
        RefuseNewer(version);
        for (var i = version; i < LatestVersion; i++)
        {
            connection.Execute(Migrations[i]);
        }

        connection.Execute("UPDATE baton_schema SET version = @version", ("@version", LatestVersion));
        transaction.Commit();
    }

    /// <summary>Reads how many migrations the store has had, in one round trip.</summary>
    /// <param name="connection">An open connection, outside any transaction (a missing table would abort one).</param>
    /// <returns>The number of migrations applied; 0 when the schema holds no store yet.</returns>
    /// <exception cref="PostgresException">The version cannot be read (for example, no rights to the table).</exception>
    public static int ReadVersion(NpgsqlConnection connection)
    {
        try
        {
            return Convert.ToInt32(connection.Scalar("SELECT version FROM baton_schema"), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable && connection.State == System.Data.ConnectionState.Open)
        {
            return 0;
        }
    }

    private static void RefuseNewer(int version)
    {
        if (version > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The team store has schema version {version}, newer than this Baton knows ({LatestVersion}); update Baton on this machine.");
        }
    }
}
