using Baton.Core.Storage;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>Opens the team store in a PostgreSQL database (migrating it on first use) and follows it through
/// <c>LISTEN/NOTIFY</c> (<see cref="PostgresChangeFeed"/>). Thread-safe.</summary>
public sealed class PostgresStoreFactory : IStoreFactory
{
    private readonly string _connectionString;
    private readonly TimeProvider? _clock;

    /// <summary>Creates the factory.</summary>
    /// <param name="connection">The connection settings (see <see cref="PostgresUrl.Parse"/>).</param>
    /// <param name="clock">The clock that decides expiry; null (the product) for the database's <c>now()</c>, so machines
    /// with skewed clocks agree.</param>
    public PostgresStoreFactory(NpgsqlConnectionStringBuilder connection, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connectionString = connection.ConnectionString;
        _clock = clock;
        Description = PostgresUrl.Describe(connection);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public IBatonStore Open() => PostgresStore.Open(_connectionString, _clock);

    /// <inheritdoc/>
    public IStoreChangeFeed? WatchChanges(out string? failure) => PostgresChangeFeed.TryStart(_connectionString, out failure);

    /// <inheritdoc/>
    public StoreLockHolder? FindWriteLockHolder() => null;
}
