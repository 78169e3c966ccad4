using Baton.Core.Storage;

namespace Baton.Cli.Watch;

/// <summary>Finds the end of the journal with <see cref="IStore.ReadJournal"/> alone: a search by sequence number, a few
/// dozen one-row reads of the journal's key, however long the journal is.</summary>
internal static class JournalTail
{
    /// <summary>The sequence number of the last journal entry.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The last sequence number, or 0 when the journal is empty.</returns>
    public static long LastSequence(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var first = store.ReadJournal(0, 1);
        if (first.Count == 0)
        {
            return 0;
        }

        // known: a sequence that exists; above: nothing after it exists.
        var known = first[0].Sequence;
        long above;
        while (true)
        {
            var probe = known > long.MaxValue / 2 ? long.MaxValue : known * 2;
            var next = store.ReadJournal(probe, 1);
            if (next.Count == 0)
            {
                above = probe;
                break;
            }

            known = next[0].Sequence;
        }

        while (known < above)
        {
            var middle = known + ((above - known) / 2);
            var next = store.ReadJournal(middle, 1);
            if (next.Count == 0)
            {
                above = middle;
            }
            else
            {
                known = next[0].Sequence;
            }
        }

        return known;
    }
}
