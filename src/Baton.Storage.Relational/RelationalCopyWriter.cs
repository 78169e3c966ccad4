using System.Data.Common;
using Baton.Core.Storage.Copy;

namespace Baton.Storage.Relational;

/// <summary>
/// The row operations of <c>baton store copy</c> on a SQL store, inside the copy's write transaction
/// (<see cref="ICopyableStore.WriteCopy{T}"/>): the same SQL on SQLite and PostgreSQL (<c>ON CONFLICT … DO NOTHING</c>,
/// <c>RETURNING</c>). Table and column names come from <see cref="StoreCopy.Tables"/> (Baton's constants); values are parameters.
/// </summary>
/// <param name="connection">The store's connection, in the write transaction.</param>
/// <param name="appendJournal">Appends a journal entry the store's way (type, subject, actor, data).</param>
public sealed class RelationalCopyWriter(DbConnection connection, Action<string, string, string, string?> appendJournal) : ICopyWriter
{
    /// <inheritdoc/>
    public bool InsertIfAbsent(CopyTable table, IReadOnlyList<object?> row)
    {
        ArgumentNullException.ThrowIfNull(table);
        return connection.ExecuteStatement(
            $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({Placeholders(table.Columns.Count)}) ON CONFLICT ({string.Join(", ", table.Key)}) DO NOTHING",
            Parameters(table.Columns, table, row)) == 1;
    }

    /// <inheritdoc/>
    public long InsertNumbered(CopyTable table, IReadOnlyList<object?> row)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Inserted;
        return Convert.ToInt64(
            connection.QueryValue(
                $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({Placeholders(columns.Count)}) RETURNING {table.Identity}",
                Parameters(columns, table, row)),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public void SetToOwnNumber(CopyTable table, string column, long id)
    {
        ArgumentNullException.ThrowIfNull(table);
        connection.ExecuteStatement($"UPDATE {table.Name} SET {table.Columns[table.IndexOf(column)]} = {table.Identity} WHERE {table.Identity} = @id", ("@id", id));
    }

    /// <inheritdoc/>
    public long? CopiedNumber(string source, string kind, long sourceId) => connection.QueryValue(
        "SELECT target_id FROM copied_rows WHERE source = @source AND kind = @kind AND source_id = @id",
        ("@source", source),
        ("@kind", kind),
        ("@id", sourceId)) is long id ? id : null;

    /// <inheritdoc/>
    public void RememberCopy(string source, string kind, long sourceId, long targetId) => connection.ExecuteStatement(
        "INSERT INTO copied_rows (source, kind, source_id, target_id) VALUES (@source, @kind, @id, @target)",
        ("@source", source),
        ("@kind", kind),
        ("@id", sourceId),
        ("@target", targetId));

    /// <inheritdoc/>
    public void AppendJournal(string type, string subject, string actor, string? data) => appendJournal(type, subject, actor, data);

    /// <summary>Reads every row of a table in its order (identity, else key), for a store's snapshot.</summary>
    /// <param name="connection">The store's connection, in the snapshot's read transaction.</param>
    /// <param name="table">The table.</param>
    /// <param name="value">Reads a non-null column value the way the copy carries it (the store's own types: a SQLite
    /// 0/1 boolean as <see cref="bool"/>, a PostgreSQL <c>integer</c> as <see cref="long"/>): reader, column index.</param>
    /// <returns>The rows, each the values of <see cref="CopyTable.Columns"/>, SQL NULL as null.</returns>
    public static List<object?[]> ReadTable(DbConnection connection, CopyTable table, Func<DbDataReader, int, object> value)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(value);
        var order = table.Identity is { } identity ? identity : string.Join(", ", table.Key);
        using var command = connection.PrepareCommand($"SELECT {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY {order}");
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : value(reader, i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i));

    private static (string, object?)[] Parameters(IReadOnlyList<string> columns, CopyTable table, IReadOnlyList<object?> row) =>
        [.. columns.Select((column, i) => ("@p" + i, row[table.IndexOf(column)]))];
}
