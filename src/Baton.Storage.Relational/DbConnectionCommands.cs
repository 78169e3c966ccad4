using System.Data.Common;

namespace Baton.Storage.Relational;

/// <summary>
/// Parameterised statements on any ADO.NET connection: values always go in as parameters, never into the SQL text. SQL
/// written for both stores names its parameters <c>@name</c>, which Microsoft.Data.Sqlite and Npgsql both accept.
/// </summary>
public static class DbConnectionCommands
{
    /// <summary>Runs a statement.</summary>
    /// <param name="connection">An open connection (in the caller's transaction, if any).</param>
    /// <param name="sql">The SQL, with <c>@name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs; null values become SQL NULL.</param>
    /// <returns>The number of rows changed.</returns>
    /// <exception cref="DbException">The database refused the statement (the provider's own subclass).</exception>
    public static int ExecuteStatement(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.PrepareCommand(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a query for one value.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL, with <c>@name</c> parameters.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The first column of the first row; null when there is no row or the value is SQL NULL.</returns>
    /// <exception cref="DbException">The database refused the query.</exception>
    public static object? QueryValue(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.PrepareCommand(sql, parameters);
        return command.ExecuteScalar() is var value && value is DBNull ? null : value;
    }

    /// <summary>Creates a command with its parameters bound.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The SQL.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The command; the caller disposes it.</returns>
    public static DbCommand PrepareCommand(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
