using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>A plain SQLite connection to a store file, to look at or tamper with it from outside <see cref="SqliteStore"/>.</summary>
internal static class RawSqlite
{
    /// <summary>Opens a connection (no pooling, so the file is let go on dispose).</summary>
    /// <param name="path">The store file.</param>
    /// <returns>The open connection.</returns>
    public static SqliteConnection Open(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement and returns the first value.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">Fixed SQL text from the test.</param>
    /// <returns>The first column of the first row, or null.</returns>
    public static object? Scalar(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
