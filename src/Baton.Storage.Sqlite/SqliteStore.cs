using Baton.Core.Home;
using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file (WAL journal, <c>BEGIN IMMEDIATE</c> for writes, waiting up to 10 s for the
/// write lock in short sleeps, see <see cref="SqliteTransactions"/>; the log kept on close and emptied past 1 MiB, and kept
/// under 16 MiB under sustained writes, see <see cref="SqliteLog"/>), migrated forward on open, the file and its
/// <c>-wal</c>/<c>-shm</c>/<c>-writers</c> companions 0600 in a 0700 folder. Writers take turns through
/// <see cref="SqliteWriterQueue"/> before SQLite's lock, so none is starved under load.
/// Many processes may use one file at once. One instance holds one connection and is not thread-safe.
/// </summary>
public sealed partial class SqliteStore : RelationalStore, IBatonStore
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly SqliteConnection _connection;
    private readonly SqliteWriterQueue? _writers;
    private readonly TimeProvider _time;
    private readonly TimeSpan _writeLockWait;

    private SqliteStore(string path, SqliteConnection connection, SqliteWriterQueue? writers, TimeProvider time, TimeSpan writeLockWait)
    {
        Path = path;
        _connection = connection;
        _writers = writers;
        _time = time;
        _writeLockWait = writeLockWait;
    }

    /// <summary>The store file's absolute path.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if missing) the store file and migrates it to the current schema.</summary>
    /// <param name="path">The file, for example <c>$BATON_HOME/baton.db</c>; a missing parent folder is created 0700.</param>
    /// <param name="time">The clock for journal times; null for the system clock.</param>
    /// <param name="writeLockWait">How long a write waits for the write lock held by another process before it fails
    /// (<see cref="StoreException.IsTransient"/>); null for <see cref="SqliteTransactions.BusyLimit"/> (10 s).</param>
    /// <returns>The open store.</returns>
    /// <exception cref="StoreException">The file cannot be created, opened, read or migrated (the message names it).</exception>
    public static SqliteStore Open(string path, TimeProvider? time = null, TimeSpan? writeLockWait = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = NativeLibrary.Value;
        var full = System.IO.Path.GetFullPath(path);
        SqliteConnection? connection = null;
        SqliteWriterQueue? writers = null;
        try
        {
            foreach (var file in FilesOf(full).Append(full + "-journal"))
            {
                PlantedLink.Refuse(file, "the store");
                ForeignOwner.Refuse(file, "the store");
            }

            BatonHome.CreatePrivateDirectory(System.IO.Path.GetDirectoryName(full)!);
            var existed = File.Exists(full);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = full,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();
            if (!existed)
            {
                BatonHome.MakePrivate(full);
            }

            SqliteLog.KeepOnClose(connection);
            connection.Execute("PRAGMA busy_timeout = 0");
            connection.Scalar("PRAGMA journal_mode = WAL");
            connection.Execute("PRAGMA synchronous = NORMAL");
            SqliteLog.Bound(connection);
            connection.Execute("PRAGMA foreign_keys = ON");
            writers = SqliteWriterQueue.Open(full);
            SqliteSchema.Migrate(connection, writers);
            foreach (var file in FilesOf(full))
            {
                BatonHome.MakePrivate(file);
            }

            return new SqliteStore(full, connection, writers, time ?? TimeProvider.System, writeLockWait ?? SqliteTransactions.BusyLimit);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            writers?.Dispose();
            connection?.Dispose();
            throw SqliteFailure.Of($"Cannot open the store {full}", e, connection);
        }
    }

    /// <summary>The files of a store while it is in use, all private to the user (0600): the store file itself, its write-ahead
    /// log (<c>-wal</c>), SQLite's shared memory (<c>-shm</c>) and the writers' queue (<c>-writers</c>,
    /// <see cref="SqliteWriterQueue"/>).</summary>
    /// <param name="databasePath">The store file's path.</param>
    /// <returns>The paths, the store file first.</returns>
    public static IReadOnlyList<string> FilesOf(string databasePath) =>
        [databasePath, databasePath + "-wal", databasePath + "-shm", SqliteWriterQueue.PathOf(databasePath)];

    /// <summary>The schema version of the open file (the number of migrations applied).</summary>
    public int SchemaVersion => SqliteSchema.ReadVersion(_connection);

    /// <inheritdoc/>
    public Session? GetSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return Query($"SELECT {SessionRows.Columns} FROM sessions WHERE session_id = $id", ("$id", sessionId)).SingleOrDefault();
    }

    /// <inheritdoc/>
    public IReadOnlyList<Session> ListSessions(SessionFilter filter) => [.. ReadSessions(filter)];

    /// <inheritdoc/>
    public IEnumerable<Session> ReadSessions(SessionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.LastEnded is { } last)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(last, nameof(filter));
            if (filter.IncludeOpen)
            {
                throw new ArgumentException("LastEnded goes with ended sessions only.", nameof(filter));
            }
        }

        // LastEnded picks the sessions that ended last with the end-time index, then the listing's order is restored.
        var matching =
            $"""
            SELECT {SessionRows.Columns} FROM sessions
            WHERE ($open = 1 AND ended_at IS NULL)
               OR ($ended = 1 AND ended_at IS NOT NULL
                   AND ($from IS NULL OR ended_at >= $from)
                   AND ($before IS NULL OR ended_at < $before OR ($beforeId IS NOT NULL AND ended_at = $before AND session_id < $beforeId)))
            """;
        var sql = filter.LastEnded is null
            ? matching + " ORDER BY started_at, session_id"
            : $"SELECT * FROM ({matching} ORDER BY ended_at DESC, session_id DESC LIMIT $last) ORDER BY started_at, session_id";
        return Stream(
            sql,
            ("$open", filter.IncludeOpen ? 1 : 0),
            ("$ended", filter.IncludeEnded ? 1 : 0),
            ("$from", filter.EndedFrom?.ToUnixTimeMilliseconds()),
            ("$before", filter.EndedBefore?.ToUnixTimeMilliseconds()),
            ("$beforeId", filter.EndedBeforeId),
            ("$last", filter.LastEnded));
    }

    /// <inheritdoc/>
    public IReadOnlyList<Session> FindSessions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return Query(
            $"SELECT {SessionRows.Columns} FROM sessions WHERE (session_id LIKE $prefix ESCAPE '\\' AND substr(session_id, 1, length($name)) = $name) OR name = $name OR launch_id = $name ORDER BY started_at",
            ("$prefix", escaped + "%"),
            ("$name", text));
    }

    /// <inheritdoc/>
    public Session? UpdateSession(string sessionId, Func<Session?, SessionChange?> change)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(change);
        return Write(() =>
        {
            var current = GetSession(sessionId);
            return Apply(sessionId, current, change(current));
        });
    }

    /// <inheritdoc/>
    public Session? UpdateLaunchedSession(string sessionId, string launchId, Func<Session?, Session?, SessionChange?> change)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(launchId);
        ArgumentNullException.ThrowIfNull(change);
        return Write(() =>
        {
            var current = GetSession(sessionId);
            var launched = Query(
                $"SELECT {SessionRows.Columns} FROM sessions WHERE launch_id = $launch AND session_id <> $id ORDER BY started_at DESC, session_id LIMIT 1",
                ("$launch", launchId),
                ("$id", sessionId)).SingleOrDefault();
            return Apply(sessionId, current, change(current, launched));
        });
    }

    /// <inheritdoc/>
    public void CheckWritable()
    {
        try
        {
            SqliteTransactions.InWriteTransaction(
                _connection,
                _writers,
                () => AppendJournal("store.check", "store", "baton", null),
                static _ => false,
                _writeLockWait);
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Of($"The store {Path} is not writable", e, _connection);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Runs <c>PRAGMA quick_check</c> or <c>PRAGMA integrity_check</c>, keeping their first 100 problems; a file too
    /// damaged for the check to run (SQLite's "malformed" or "not a database") is one problem in SQLite's words.</remarks>
    public IReadOnlyList<string> CheckIntegrity(bool full)
    {
        var problems = new List<string>();
        try
        {
            using var command = _connection.Prepare(full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e) when (SqliteFailure.IsDamage(e))
        {
            problems.Add(e.Message);
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Of($"Cannot check the store {Path}", e, _connection);
        }

        return problems is ["ok"] ? [] : problems;
    }

    /// <summary>Closes the store, first emptying a long write-ahead log (see <see cref="SqliteLog"/>).</summary>
    public void Dispose()
    {
        SqliteLog.TrimBeforeClose(_connection);
        _connection.Dispose();
        _writers?.Dispose();
    }

    private Session? Apply(string sessionId, Session? current, SessionChange? decided)
    {
        if (decided is null)
        {
            return current;
        }

        if (!string.Equals(decided.Next.SessionId, sessionId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The change is for session '{decided.Next.SessionId}', not '{sessionId}'.", nameof(decided));
        }

        if (decided.Replaces is { } replaced && !string.Equals(replaced, sessionId, StringComparison.Ordinal))
        {
            _connection.Execute("DELETE FROM sessions WHERE session_id = $id", ("$id", replaced));
        }

        if (decided.KeepsCurrentAs is { } kept && current is not null)
        {
            _connection.Execute(SessionRows.Upsert, SessionRows.Parameters(current with { SessionId = kept }));
        }

        var sameStatus = current is not null && current.Status == decided.Next.Status;
        var next = decided.Next with
        {
            StatusSince = sameStatus && current!.StatusSince is { } since ? since : decided.Next.UpdatedAt,
            SeenAt = sameStatus ? decided.Next.SeenAt : null,
        };
        try
        {
            _connection.Execute(SessionRows.Upsert, SessionRows.Parameters(next));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.Message.Contains("sessions.name", StringComparison.Ordinal))
        {
            throw new SessionNameTakenException(decided.Next.Name ?? "", e);
        }

        AppendJournal(decided.JournalType, JournalTypes.SessionSubject(sessionId), decided.Actor, decided.Data);
        return next;
    }

    private long AppendJournal(string type, string subject, string actor, string? data) =>
        AppendEntry(type, subject, actor, data, _time.GetUtcNow().ToUnixTimeMilliseconds());

    private T Write<T>(Func<T> body)
    {
        try
        {
            var result = SqliteTransactions.InWriteTransaction(_connection, _writers, body, static _ => true, _writeLockWait);
            SqliteLog.TrimAfterCommit(_connection);
            return result;
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Of($"Cannot write the store {Path}", e, _connection);
        }
    }

    private List<Session> Query(string sql, params (string, object?)[] parameters) => [.. Stream(sql, parameters)];

    private IEnumerable<Session> Stream(string sql, params (string, object?)[] parameters)
    {
        using var command = _connection.Prepare(sql, parameters);
        using var reader = Run(command);
        while (reader.Read())
        {
            yield return StoredRows.Map(reader, SessionRows.Read, Path, sql);
        }
    }

    private SqliteDataReader Run(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw SqliteFailure.Of($"Cannot read the store {Path}", e, _connection);
        }
    }
}
