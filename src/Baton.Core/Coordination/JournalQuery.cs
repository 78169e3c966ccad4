namespace Baton.Core.Coordination;

/// <summary>Which journal entries <see cref="ICoordinationStore.QueryJournal"/> reads.</summary>
/// <param name="AfterSequence">With a value: the first <paramref name="Limit"/> matching entries with a greater sequence number
/// (to follow the journal); null: the latest <paramref name="Limit"/> matching entries. Either way in sequence order.</param>
/// <param name="TypePattern">Only entries whose type matches this glob (<c>*</c> any run, <c>?</c> one character, all else
/// literal), for example <c>lock.*</c> or <c>event.deploy</c>; null for every type.</param>
/// <param name="Actor">Only entries by this actor (a <c>session_id</c> or <c>human</c>), matched exactly; null for anyone.</param>
/// <param name="Limit">At most this many entries, 1 or more.</param>
public sealed record JournalQuery(long? AfterSequence = null, string? TypePattern = null, string? Actor = null, int Limit = 100);
