using Baton.Storage.Relational;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>Parameterised statements on a PostgreSQL connection, typed for its reader: the binding itself is
/// <see cref="DbConnectionCommands"/>'s, shared with the SQLite store.</summary>
internal static class NpgsqlConnectionExtensions
{
    /// <summary>Runs a statement.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL, with <c>@name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs; null values become SQL NULL (give the SQL a cast where the type
    /// cannot be inferred, e.g. <c>@from::bigint IS NULL</c>).</param>
    /// <returns>The number of rows changed.</returns>
    public static int Execute(this NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
        => connection.ExecuteStatement(sql, parameters);

    /// <summary>Runs a query for one value.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL, with <c>@name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The first column of the first row, or null (also for SQL NULL).</returns>
    public static object? Scalar(this NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
        => connection.QueryValue(sql, parameters);

    /// <summary>Creates a command with its parameters bound.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The command; the caller disposes it.</returns>
    public static NpgsqlCommand Prepare(this NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        (NpgsqlCommand)connection.PrepareCommand(sql, parameters);
}
