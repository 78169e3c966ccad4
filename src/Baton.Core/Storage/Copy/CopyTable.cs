namespace Baton.Core.Storage.Copy;

/// <summary>
/// One table <c>baton store copy</c> moves, as every store has it: the same name and columns in SQLite and PostgreSQL.
/// Row values are store-neutral: <see cref="long"/>, <see cref="string"/>, <see cref="bool"/> (for
/// <see cref="Booleans"/>) or null, in the order of <see cref="Columns"/>. The names are Baton's own constants, never input.
/// </summary>
/// <param name="Name">The table, for example <c>sessions</c>.</param>
/// <param name="Kind">What its rows are called in the copy's report, for example <c>sessions</c> or <c>journal</c>.</param>
/// <param name="Columns">The columns copied, in order.</param>
/// <param name="Key">The columns that identify a row across stores (the primary key); empty when <see cref="Identity"/> does.</param>
/// <param name="Identity">The column the store numbers itself (a row copied gets a new number there), or null.</param>
/// <param name="Booleans">The columns that hold a truth value (SQLite keeps them as 0 or 1).</param>
public sealed record CopyTable(string Name, string Kind, IReadOnlyList<string> Columns, IReadOnlyList<string> Key, string? Identity, IReadOnlyList<string> Booleans)
{
    /// <summary>The position of a column in <see cref="Columns"/>.</summary>
    /// <param name="column">The column.</param>
    /// <returns>Its index.</returns>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"The table {Name} has no column {column}.", nameof(column));
    }

    /// <summary>The columns an insert of a new row names: all but <see cref="Identity"/>.</summary>
    public IReadOnlyList<string> Inserted => [.. Columns.Where(c => c != Identity)];

    /// <summary>Whether a column holds a truth value.</summary>
    /// <param name="column">The column.</param>
    /// <returns>True for one of <see cref="Booleans"/>.</returns>
    public bool IsBoolean(string column) => Booleans.Contains(column);
}
