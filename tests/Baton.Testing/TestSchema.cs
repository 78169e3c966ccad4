using Baton.Storage.Postgres;
using Npgsql;

namespace Baton.Testing;

/// <summary>
/// A fresh, empty schema on the test server for one test, dropped with everything in it when disposed, so tests stay
/// independent and run in parallel. The server is the one <c>test.sh</c> starts (<c>tests/postgres-server.sh</c>), named by
/// <see cref="UrlVariable"/>; without it the test fails (never skips) and says how to get one.
/// </summary>
public sealed class TestSchema : IDisposable
{
    /// <summary>The variable that names the test server: a <c>postgres://</c> URL with a user that may create schemas.</summary>
    public const string UrlVariable = "BATON_TEST_POSTGRES_URL";

    private TestSchema(string name, NpgsqlConnectionStringBuilder connection)
    {
        Name = name;
        Connection = connection;
    }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>Connection settings whose search path is the schema alone.</summary>
    public NpgsqlConnectionStringBuilder Connection { get; }

    /// <summary>The schema as a <c>postgres://</c> URL that Baton takes (<c>baton store use</c>, <c>BATON_STORE_URL</c>):
    /// the server's URL with <c>options=-c search_path=NAME</c>. It holds the test server's password.</summary>
    public string Url => ServerUrl + (ServerUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "options=" + Uri.EscapeDataString("-c search_path=" + Name);

    /// <summary>The connection string of <see cref="Connection"/>.</summary>
    public string ConnectionString => Connection.ConnectionString;

    /// <summary>The test server's URL.</summary>
    /// <exception cref="InvalidOperationException">No server is configured.</exception>
    public static string ServerUrl => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url
        ? url
        : throw new InvalidOperationException(
            $"{UrlVariable} is not set: run ./test.sh (it starts a throwaway PostgreSQL server), or set it to a postgres:// URL of a server where the user may create schemas.");

    /// <summary>Creates a schema with a unique name.</summary>
    /// <returns>The schema.</returns>
    public static TestSchema Create()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        var admin = PostgresUrl.Parse(ServerUrl);
        using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            command.ExecuteNonQuery();
        }

        var scoped = PostgresUrl.Parse(ServerUrl);
        scoped.SearchPath = name;
        return new TestSchema(name, scoped);
    }

    /// <summary>Runs SQL in the schema (for a test's own setup or faults), values as parameters.</summary>
    /// <param name="sql">The SQL.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The first column of the first row, or null.</returns>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    /// <summary>Drops the schema and closes the pooled connections to it.</summary>
    public void Dispose()
    {
        using (var scoped = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(scoped);
        }

        using var connection = new NpgsqlConnection(PostgresUrl.Parse(ServerUrl).ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA {Name} CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
