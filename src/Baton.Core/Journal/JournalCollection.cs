namespace Baton.Core.Journal;

/// <summary>What a journal collection (<see cref="Storage.IStore.CollectJournal"/>) deleted, or would delete on a dry run.</summary>
/// <param name="Deleted">Entries deleted (on a dry run: that would be deleted).</param>
/// <param name="KeptInUse">Entries old or many enough to go that were kept because open work or an unread message needs them.</param>
/// <param name="Remaining">Entries in the journal afterwards, the <see cref="JournalTypes.JournalGc"/> entry included (on a dry run: now).</param>
/// <param name="Entry">The last <see cref="JournalTypes.JournalGc"/> entry that recorded the collection (one per batch of
/// deletions); null on a dry run.</param>
public sealed record JournalCollection(long Deleted, long KeptInUse, long Remaining, JournalEntry? Entry);
