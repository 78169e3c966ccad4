using Baton.Core.Journal;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// The team store: Baton's store in a PostgreSQL database, shared by the machines of a team. Migrated forward on open
/// (<see cref="PostgresSchema"/>, in the connection's current schema). Every change is one <c>SERIALIZABLE</c> transaction
/// retried when a concurrent one wins (<see cref="PostgresTransactions"/>), so claims, compare-and-set, lock grants and
/// message takes keep exactly one winner, decided in the database; journal entries are appended under a transaction-level
/// advisory lock, so sequence numbers are handed out in commit order and a follower reading "after n" never misses an entry
/// that commits late. Every commit that appends to the journal notifies <see cref="PostgresSchema.NotifyChannel"/>.
/// One instance holds one connection and is not thread-safe.
/// </summary>
/// <remarks>
/// The clock: expiry (locks, leases, delivery claims) and journal times are decided by the database's <c>now()</c> (the
/// transaction's start), so machines with skewed clocks agree. A <see cref="TimeProvider"/> given to <see cref="Open"/>
/// replaces it: the contract suite moves a manual clock to test expiry, as it does with the SQLite store.
/// </remarks>
public sealed partial class PostgresStore : RelationalStore, IBatonStore
{
    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString;
    private readonly TimeProvider? _clock;

    private PostgresStore(NpgsqlConnection connection, string connectionString, TimeProvider? clock, string description)
    {
        _connection = connection;
        _connectionString = connectionString;
        _clock = clock;
        Description = description;
    }

    /// <summary>Where the store is, for people: <c>postgres://user@host:port/database</c> and the schema (never the password).</summary>
    public string Description { get; }

    /// <summary>Connects to the database and migrates the store to the current schema.</summary>
    /// <param name="connectionString">An Npgsql connection string (see <see cref="PostgresUrl"/> for Baton's URLs).</param>
    /// <param name="clock">The clock that decides expiry and dates the journal; null for the database's <c>now()</c>.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="StoreException">The server cannot be reached, refuses the login, has no such database, the store
    /// cannot be migrated, or its schema is newer than this Baton (the message says what to do).</exception>
    public static PostgresStore Open(string connectionString, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var description = PostgresUrl.Describe(builder);
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(connectionString);
            connection.Open();
            PostgresSchema.Migrate(connection);
            return new PostgresStore(connection, connectionString, clock, description);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            connection?.Dispose();
            throw PostgresFailure.OnOpen(description, e);
        }
    }

    /// <summary>The schema version of the store (the number of migrations applied).</summary>
    public int SchemaVersion => Read(() => PostgresSchema.ReadVersion(_connection));

    /// <inheritdoc/>
    public Session? GetSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return Query($"SELECT {SessionRows.Columns} FROM sessions WHERE session_id = @id", ("@id", sessionId)).SingleOrDefault();
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

        var matching =
            $"""
            SELECT {SessionRows.Columns} FROM sessions
            WHERE (@open AND ended_at IS NULL)
               OR (@ended AND ended_at IS NOT NULL
                   AND (@from::bigint IS NULL OR ended_at >= @from)
                   AND (@before::bigint IS NULL OR ended_at < @before
                        OR (@beforeId::text IS NOT NULL AND ended_at = @before AND session_id < @beforeId)))
            """;
        var sql = filter.LastEnded is null
            ? matching + " ORDER BY started_at, session_id"
            : $"SELECT * FROM ({matching} ORDER BY ended_at DESC, session_id DESC LIMIT @last) AS last_ended ORDER BY started_at, session_id";
        return StreamOnOwnConnection(
            sql,
            ("@open", filter.IncludeOpen),
            ("@ended", filter.IncludeEnded),
            ("@from", filter.EndedFrom?.ToUnixTimeMilliseconds()),
            ("@before", filter.EndedBefore?.ToUnixTimeMilliseconds()),
            ("@beforeId", filter.EndedBeforeId),
            ("@last", filter.LastEnded));
    }

    /// <inheritdoc/>
    public IReadOnlyList<Session> FindSessions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Query(
            $"SELECT {SessionRows.Columns} FROM sessions WHERE session_id LIKE @prefix OR name = @name OR launch_id = @name ORDER BY started_at",
            ("@prefix", PostgresLike.Escape(text) + "%"),
            ("@name", text));
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
                $"SELECT {SessionRows.Columns} FROM sessions WHERE launch_id = @launch AND session_id <> @id ORDER BY started_at DESC, session_id LIMIT 1",
                ("@launch", launchId),
                ("@id", sessionId)).SingleOrDefault();
            return Apply(sessionId, current, change(current, launched));
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<string>? CheckIntegrity(bool full) => null;

    /// <inheritdoc/>
    public void CheckWritable()
    {
        try
        {
            PostgresTransactions.InWriteTransaction(
                _connection,
                () => AppendEntry("store.check", "store", "baton", null, NowMs()),
                static _ => false);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw PostgresFailure.Of($"The store {Description} is not writable: {e.Message}", e);
        }
    }

    /// <summary>Closes the connection (back to Npgsql's pool).</summary>
    public void Dispose() => _connection.Dispose();

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
            _connection.Execute("DELETE FROM sessions WHERE session_id = @id", ("@id", replaced));
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
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "sessions_open_name")
        {
            throw new SessionNameTakenException(decided.Next.Name ?? "", e);
        }

        AppendEntry(decided.JournalType, JournalTypes.SessionSubject(sessionId), decided.Actor, decided.Data, NowMs());
        return next;
    }

    private List<Session> Query(string sql, params (string, object?)[] parameters) => ReadRows(sql, SessionRows.Read, parameters);

    /// <summary>Streams sessions over a connection of their own (from Npgsql's pool), so that the store's connection stays
    /// free for other reads while the caller enumerates (one connection runs one command at a time).</summary>
    private IEnumerable<Session> StreamOnOwnConnection(string sql, params (string, object?)[] parameters)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        Read(() => { connection.Open(); return true; });
        using var command = connection.Prepare(sql, parameters);
        using var reader = Run(command);
        while (Read(reader.Read))
        {
            yield return StoredRows.Map(reader, SessionRows.Read, Description, sql);
        }
    }
}
