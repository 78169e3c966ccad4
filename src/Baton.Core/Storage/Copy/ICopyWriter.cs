namespace Baton.Core.Storage.Copy;

/// <summary>The row operations of a copy, inside the write transaction of <see cref="ICopyableStore.WriteCopy"/>.</summary>
public interface ICopyWriter
{
    /// <summary>Inserts a row unless a row with its <see cref="CopyTable.Key"/> is there.</summary>
    /// <param name="table">A table with a key.</param>
    /// <param name="row">The values of <see cref="CopyTable.Columns"/>.</param>
    /// <returns>True when inserted, false when the key was there.</returns>
    bool InsertIfAbsent(CopyTable table, IReadOnlyList<object?> row);

    /// <summary>Inserts a row under a new number of the store's (<see cref="CopyTable.Identity"/>).</summary>
    /// <param name="table">A table with an identity column.</param>
    /// <param name="row">The values of <see cref="CopyTable.Columns"/> (the identity's value is left out).</param>
    /// <returns>The new number.</returns>
    long InsertNumbered(CopyTable table, IReadOnlyList<object?> row);

    /// <summary>Sets a column of a numbered row to the row's own number (a message that starts its own thread).</summary>
    /// <param name="table">A table with an identity column.</param>
    /// <param name="column">The column.</param>
    /// <param name="id">The row's number.</param>
    void SetToOwnNumber(CopyTable table, string column, long id);

    /// <summary>The number a row copied before from <paramref name="source"/> got here.</summary>
    /// <param name="source">The source store's id.</param>
    /// <param name="kind">The table.</param>
    /// <param name="sourceId">The row's number in the source.</param>
    /// <returns>Its number here, or null when it was not copied.</returns>
    long? CopiedNumber(string source, string kind, long sourceId);

    /// <summary>Remembers that a numbered row was copied (see <see cref="CopiedNumber"/>).</summary>
    /// <param name="source">The source store's id.</param>
    /// <param name="kind">The table.</param>
    /// <param name="sourceId">The row's number in the source.</param>
    /// <param name="targetId">Its number here.</param>
    void RememberCopy(string source, string kind, long sourceId, long targetId);

    /// <summary>Appends the copy's own journal entry, dated by the store's clock, with this process as its origin.</summary>
    /// <param name="type">The entry's type.</param>
    /// <param name="subject">Its subject.</param>
    /// <param name="actor">Who copies.</param>
    /// <param name="data">Details as JSON.</param>
    void AppendJournal(string type, string subject, string actor, string? data);
}
