namespace Baton.Core.Storage.Copy;

/// <summary>Everything <c>baton store copy</c> moves, read from one store in one read transaction (a consistent picture).</summary>
/// <param name="StoreId">The id of the store it was read from (<see cref="ICopyableStore.StoreId"/>).</param>
/// <param name="Rows">The rows of each table, by <see cref="CopyTable.Name"/>, ordered by key (or by identity: oldest first).</param>
public sealed record StoreSnapshot(string StoreId, IReadOnlyDictionary<string, IReadOnlyList<object?[]>> Rows);
