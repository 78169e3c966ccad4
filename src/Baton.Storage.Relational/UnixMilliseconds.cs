using System.Data.Common;

namespace Baton.Storage.Relational;

/// <summary>Times as both SQL stores keep them, Unix milliseconds (UTC), read from a row and checked to be a time
/// <see cref="DateTimeOffset"/> can hold (years 1 to 9999), so that a row kept as numbers and turned into times later cannot
/// fail later, outside the row reader that names the row (<see cref="StoredRows"/>).</summary>
public static class UnixMilliseconds
{
    private static readonly long Earliest = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long Latest = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Reads a time column that is never NULL.</summary>
    /// <param name="r">The reader, on a row.</param>
    /// <param name="i">The column's ordinal.</param>
    /// <returns>The time, Unix ms.</returns>
    /// <exception cref="FormatException">The value is not a time (out of range), naming the column.</exception>
    /// <exception cref="InvalidOperationException">The value is NULL (SQLite).</exception>
    /// <exception cref="InvalidCastException">The value is NULL (PostgreSQL).</exception>
    public static long Read(DbDataReader r, int i)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ms = r.GetInt64(i);
        return ms >= Earliest && ms <= Latest
            ? ms
            : throw new FormatException($"{r.GetName(i)} {ms} is not a time in Unix milliseconds");
    }

    /// <summary>Reads a time column that may be NULL.</summary>
    /// <param name="r">The reader, on a row.</param>
    /// <param name="i">The column's ordinal.</param>
    /// <returns>The time, Unix ms, or null.</returns>
    /// <exception cref="FormatException">The value is not a time (out of range), naming the column.</exception>
    public static long? ReadOptional(DbDataReader r, int i)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.IsDBNull(i) ? null : Read(r, i);
    }
}
