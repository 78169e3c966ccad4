using Baton.Core.Storage;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Tells a waiting process that the team store changed, through PostgreSQL's <c>LISTEN/NOTIFY</c>: every commit that
/// appends to the journal notifies <see cref="PostgresSchema.NotifyChannel"/> with the store's schema as the payload (a
/// trigger, so every writer does), and this feed listens on a connection of its own (outside Npgsql's pool), counting only
/// its own schema's notices. A notice comes after the commit is visible. A change between two waits is remembered; several
/// count as one. When the connection breaks the feed signals once (a notice may have been missed), reconnects every second
/// and signals again once it is back. Thread-safe.
/// </summary>
public sealed class PostgresChangeFeed : IStoreChangeFeed
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly string _schema;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;

    private PostgresChangeFeed(string connectionString, NpgsqlConnection connection, string schema)
    {
        _connectionString = connectionString;
        _schema = schema;
        _listening = Task.Run(() => ListenAsync(connection));
    }

    /// <summary>Starts listening, or says why it cannot.</summary>
    /// <param name="connectionString">The store's Npgsql connection string.</param>
    /// <param name="failure">Why not, when the result is null (the caller then looks at the store now and then).</param>
    /// <returns>The feed, listening when it returns, or null.</returns>
    public static PostgresChangeFeed? TryStart(string connectionString, out string? failure)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        try
        {
            var connection = Connect(connectionString, out var schema);
            failure = null;
            return new PostgresChangeFeed(connectionString, connection, schema);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <inheritdoc/>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listening.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ended on its own failure; nothing more to stop.
        }

        _stop.Dispose();
        _changed.Dispose();
    }

    private static NpgsqlConnection Connect(string connectionString, out string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            schema = connection.Scalar("SELECT current_schema()") as string
                ?? throw new InvalidOperationException("The connection's search_path names no existing schema.");
            connection.Execute("LISTEN " + PostgresSchema.NotifyChannel);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection)
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            connection.Notification += OnNotification;
            try
            {
                while (true)
                {
                    await connection.WaitAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                Signal();
                connection = await ReconnectAsync(token).ConfigureAwait(false);
                Signal();
            }
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<NpgsqlConnection> ReconnectAsync(CancellationToken token)
    {
        while (true)
        {
            await Task.Delay(ReconnectDelay, token).ConfigureAwait(false);
            try
            {
                return Connect(_connectionString, out _);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // Still down: try again after the delay.
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Payload == _schema)
        {
            Signal();
        }
    }

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A change is already waiting to be noticed.
        }
        catch (ObjectDisposedException)
        {
            // The feed ended while a notice was on its way.
        }
    }
}
