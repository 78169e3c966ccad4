using System.Data.Common;

namespace Baton.Storage.Relational;

/// <summary>
/// What Baton's SQL stores share, written once: the store-neutral parts of the store contract over an ADO.NET connection,
/// in SQL that SQLite and PostgreSQL both accept (<c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>). A store
/// gives its connection, its transactions, its clock and its journal, and its dialect where the two differ (glob matching,
/// lists of values, row locks of claims). Times in the tables are Unix milliseconds (UTC).
/// </summary>
public abstract partial class RelationalStore
{
    /// <summary>The store's open connection; statements run in the store's current transaction, if any.</summary>
    protected abstract DbConnection Connection { get; }

    /// <summary>Runs a change in one write transaction of the store's (retried by the store where its database asks for it).</summary>
    /// <typeparam name="T">The change's result.</typeparam>
    /// <param name="body">The change: its statements and its journal entry.</param>
    /// <returns>What <paramref name="body"/> returned, once committed.</returns>
    /// <exception cref="Baton.Core.Storage.StoreException">The store cannot be reached or written.</exception>
    protected abstract T WriteChange<T>(Func<T> body);

    /// <summary>Runs a claim (of a queue item or of a task) in a write transaction of the store's, as the claim's row locks
    /// need it (<see cref="NextClaimableLocked"/>, <see cref="ClaimRowLock"/>); by default <see cref="WriteChange{T}"/>.</summary>
    /// <typeparam name="T">The claim's result.</typeparam>
    /// <param name="body">The claim: its statements and its journal entry.</param>
    /// <returns>What <paramref name="body"/> returned, once committed.</returns>
    /// <exception cref="Baton.Core.Storage.StoreException">The store cannot be reached or written.</exception>
    protected virtual T WriteClaim<T>(Func<T> body) => WriteChange(body);

    /// <summary>Runs a query and maps its rows, turning a driver failure into the store's exception.</summary>
    /// <typeparam name="T">A row's type.</typeparam>
    /// <param name="sql">The SQL, with <c>@name</c> parameters.</param>
    /// <param name="map">Reads the current row.</param>
    /// <param name="parameters">Name and value pairs.</param>
    /// <returns>The rows, in the query's order.</returns>
    protected abstract List<T> QueryRows<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters);

    /// <summary>The store's clock now, in Unix milliseconds (UTC).</summary>
    /// <returns>Now.</returns>
    protected abstract long NowMs();

    /// <summary>Appends one journal entry in the current transaction, dated like the change it records.</summary>
    /// <param name="type">The entry's type, such as <c>lock.acquired</c>.</param>
    /// <param name="subject">Its subject, such as <c>lock:RESOURCE</c>.</param>
    /// <param name="actor">Who made the change (a session id, or a person).</param>
    /// <param name="data">Its JSON data, or null.</param>
    /// <param name="atMs">The change's time, Unix ms.</param>
    /// <returns>The entry's sequence number.</returns>
    protected abstract long AppendEntry(string type, string subject, string actor, string? data, long atMs);

    /// <summary>The dialect's condition that a column matches a Baton glob bound as <paramref name="parameter"/>, or that the
    /// parameter is null (no pattern: every row).</summary>
    /// <param name="column">The column.</param>
    /// <param name="parameter">The parameter's name, such as <c>@glob</c>.</param>
    /// <returns>SQL text, in parentheses.</returns>
    protected abstract string GlobMatch(string column, string parameter);

    /// <summary>A Baton glob (<c>*</c>, <c>?</c>, all else literal) as the pattern <see cref="GlobMatch"/> binds.</summary>
    /// <param name="pattern">The glob, or null.</param>
    /// <returns>The dialect's pattern, or null.</returns>
    protected abstract string? GlobPattern(string? pattern);

    /// <summary>The dialect's condition that a column's value is one of the values bound as <paramref name="parameter"/>
    /// (a <see cref="ListValue{T}"/>).</summary>
    /// <param name="column">The column.</param>
    /// <param name="parameter">The parameter's name, such as <c>@ids</c>.</param>
    /// <returns>SQL text.</returns>
    protected abstract string InList(string column, string parameter);

    /// <summary>Values as the one parameter <see cref="InList"/> binds, so that a list never goes into the SQL text.</summary>
    /// <typeparam name="T">The values' type: <see cref="long"/> (ids) or <see cref="string"/> (names).</typeparam>
    /// <param name="values">The values, read once, now.</param>
    /// <returns>The parameter's value.</returns>
    protected abstract object ListValue<T>(IEnumerable<T> values);

    private static DateTimeOffset UnixTime(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static DateTimeOffset? UnixTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : UnixTime(r.GetInt64(i));

    private static string? NullableText(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long DurationMs(TimeSpan span, string name)
    {
        var ms = (long)Math.Ceiling(span.TotalMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(ms, 1, name);
        return ms;
    }
}
