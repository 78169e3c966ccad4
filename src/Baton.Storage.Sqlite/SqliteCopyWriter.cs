using Baton.Core.Storage.Copy;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>The row operations of <c>baton store copy</c> on a SQLite file, inside the copy's write transaction
/// (<see cref="SqliteStore.WriteCopy{T}"/>). Names come from <see cref="StoreCopy.Tables"/>; values are parameters.</summary>
/// <param name="connection">The store's connection, in the write transaction.</param>
/// <param name="appendJournal">Appends a journal entry the store's way (type, subject, actor, data).</param>
internal sealed class SqliteCopyWriter(SqliteConnection connection, Action<string, string, string, string?> appendJournal) : ICopyWriter
{
    /// <inheritdoc/>
    public bool InsertIfAbsent(CopyTable table, IReadOnlyList<object?> row) => connection.Execute(
        $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({Placeholders(table.Columns.Count)}) ON CONFLICT ({string.Join(", ", table.Key)}) DO NOTHING",
        Parameters(table.Columns, table, row)) == 1;

    /// <inheritdoc/>
    public long InsertNumbered(CopyTable table, IReadOnlyList<object?> row)
    {
        var columns = table.Inserted;
        return (long)connection.Scalar(
            $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({Placeholders(columns.Count)}) RETURNING {table.Identity}",
            Parameters(columns, table, row))!;
    }

    /// <inheritdoc/>
    public void SetToOwnNumber(CopyTable table, string column, long id) =>
        connection.Execute($"UPDATE {table.Name} SET {table.Columns[table.IndexOf(column)]} = {table.Identity} WHERE {table.Identity} = $id", ("$id", id));

    /// <inheritdoc/>
    public long? CopiedNumber(string source, string kind, long sourceId) => connection.Scalar(
        "SELECT target_id FROM copied_rows WHERE source = $source AND kind = $kind AND source_id = $id",
        ("$source", source),
        ("$kind", kind),
        ("$id", sourceId)) is long id ? id : null;

    /// <inheritdoc/>
    public void RememberCopy(string source, string kind, long sourceId, long targetId) => connection.Execute(
        "INSERT INTO copied_rows (source, kind, source_id, target_id) VALUES ($source, $kind, $id, $target)",
        ("$source", source),
        ("$kind", kind),
        ("$id", sourceId),
        ("$target", targetId));

    /// <inheritdoc/>
    public void AppendJournal(string type, string subject, string actor, string? data) => appendJournal(type, subject, actor, data);

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i));

    private static (string, object?)[] Parameters(IReadOnlyList<string> columns, CopyTable table, IReadOnlyList<object?> row) =>
        [.. columns.Select((column, i) => ("$p" + i, row[table.IndexOf(column)]))];
}
