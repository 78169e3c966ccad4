namespace Baton.Core.Storage.Copy;

/// <summary>
/// What <see cref="StoreCopy"/> needs of a store: a snapshot of its tables, and one write transaction with the few row
/// operations a copy is made of (<see cref="ICopyWriter"/>). Every store implements it; the copy's rules (what is already
/// there, new numbers for numbered rows, the report) live once, in <see cref="StoreCopy"/>.
/// </summary>
public interface ICopyableStore
{
    /// <summary>The store's own id, made once when its schema was created: copies from it are remembered by it.</summary>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    string StoreId { get; }

    /// <summary>Reads the rows of the tables in one read transaction.</summary>
    /// <param name="tables">The tables.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    StoreSnapshot ReadSnapshot(IReadOnlyList<CopyTable> tables);

    /// <summary>Runs <paramref name="body"/> in one write transaction that commits when it returns (the journal's order
    /// held for the whole of it); it may run more than once if the store retries the transaction.</summary>
    /// <typeparam name="T">The body's result.</typeparam>
    /// <param name="body">The work.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="StoreException">The store cannot be written, or a row breaks a rule of the store (the message says which).</exception>
    T WriteCopy<T>(Func<ICopyWriter, T> body);
}
