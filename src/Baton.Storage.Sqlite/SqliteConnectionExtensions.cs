using Baton.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Parameterised statements on a SQLite connection, typed for its reader: the binding itself is
/// <see cref="DbConnectionCommands"/>'s, shared with the PostgreSQL store.</summary>
internal static class SqliteConnectionExtensions
{
    /// <summary>Runs a statement.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL, with <c>$name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs; null values become SQL NULL.</param>
    /// <returns>The number of rows changed.</returns>
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
        => connection.ExecuteStatement(sql, parameters);

    /// <summary>Runs a query for one value.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL, with <c>$name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The first column of the first row, or null.</returns>
    public static object? Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Prepare(sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>Creates a command with its parameters bound.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The command; the caller disposes it.</returns>
    public static SqliteCommand Prepare(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        (SqliteCommand)connection.PrepareCommand(sql, parameters);
}
