namespace Baton.Core.Journal;

/// <summary>
/// Which journal entries <see cref="Storage.IStore.CollectJournal"/> may delete: those older than <see cref="MaxAge"/> and
/// those beyond the newest <see cref="MaxRows"/>, except the entries still in use (see <see cref="Storage.IStore.CollectJournal"/>).
/// </summary>
/// <param name="MaxAge">Entries dated longer ago than this (by the store's clock) go; null for no age limit.</param>
/// <param name="MaxRows">All but the newest this many entries go; null for no size limit.</param>
public sealed record JournalRetention(TimeSpan? MaxAge, long? MaxRows)
{
    /// <summary>What <c>baton gc</c> keeps by default: 30 days.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(30);

    /// <summary>What <c>baton gc</c> keeps by default: the newest million entries.</summary>
    public const long DefaultMaxRows = 1_000_000;
}
