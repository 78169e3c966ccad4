using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Core.Storage;

namespace Baton.Storage.Relational;

/// <summary>
/// Maps the rows both SQL stores read, in one place: a row Baton cannot understand (a status it does not know, a time out of
/// range, NULL where it expects a value, a number too large for its type, left there by another program, an older or newer
/// Baton, or a hand edit) becomes a <see cref="StoreException"/> whose one-line message names the table and the row's key,
/// instead of the driver's or the parser's exception escaping as a crash. Every row reader of the stores goes through
/// <see cref="Map"/>.
/// </summary>
public static partial class StoredRows
{
    private const int LongestValue = 60;

    /// <summary>Maps the reader's current row.</summary>
    /// <typeparam name="TReader">The driver's reader.</typeparam>
    /// <typeparam name="T">The row's type.</typeparam>
    /// <param name="reader">The reader, on a row.</param>
    /// <param name="map">Reads the row.</param>
    /// <param name="store">The store, as its messages name it (a path, or a URL without password).</param>
    /// <param name="sql">The query, whose first <c>FROM</c> names the table when the driver does not (Npgsql tells a column's
    /// table only to a reader opened with <c>CommandBehavior.KeyInfo</c>).</param>
    /// <returns>The mapped row.</returns>
    /// <exception cref="StoreException">The row holds a value Baton cannot read; the message names the table, the key and the value's problem.</exception>
    public static T Map<TReader, T>(TReader reader, Func<TReader, T> map, string store, string sql)
        where TReader : DbDataReader
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(map);
        try
        {
            return map(reader);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException or InvalidOperationException)
        {
            throw new StoreException(
                $"The store {store} has a row Baton cannot read ({Describe(reader, sql)}): {e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')}; " +
                "correct or delete that row (sqlite3 or psql), or restore the store from a backup",
                e);
        }
    }

    /// <summary>The row's table and key, such as <c>table locks, resource 'deploy'</c>, from the driver's column schema (the
    /// table from the query when the schema does not say); the first column when the key is not known; <c>a row</c> when the
    /// driver cannot say.</summary>
    private static string Describe(DbDataReader reader, string sql)
    {
        try
        {
            var columns = reader.GetColumnSchema();
            var from = FirstTable().Match(sql);
            var table = columns.Select(c => c.BaseTableName).FirstOrDefault(t => !string.IsNullOrEmpty(t))
                ?? (from.Success ? from.Groups[1].Value : null);
            var keys = columns
                .Where(c => c.IsKey == true && c.ColumnOrdinal is not null)
                .Select(c => (Name: c.BaseColumnName ?? c.ColumnName, Ordinal: c.ColumnOrdinal!.Value))
                .DefaultIfEmpty((Name: reader.GetName(0), Ordinal: 0))
                .Select(c => $"{c.Name} {Value(reader, c.Ordinal)}");
            return (table is null ? "" : $"table {table}, ") + string.Join(", ", keys);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException)
        {
            return "a row";
        }
    }

    [GeneratedRegex(@"\bFROM\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstTable();

    private static string Value(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return "NULL";
        }

        var value = reader.GetValue(ordinal);
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        text = text.Length > LongestValue ? text[..LongestValue] + "…" : text;
        return value is string ? $"'{text.ReplaceLineEndings(" ")}'" : text;
    }
}
