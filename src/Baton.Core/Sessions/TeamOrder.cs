namespace Baton.Core.Sessions;

/// <summary>
/// Lists the teammates of an agent team under their lead (<see cref="Session.ParentSessionId"/>): the order of a listing
/// kept, except that each teammate whose lead is listed too follows right after it.
/// </summary>
public static class TeamOrder
{
    /// <summary>What a teammate's name starts with where it is listed under its lead.</summary>
    public const string Branch = "└ ";

    /// <summary>Moves each teammate right after its lead, when the lead is among <paramref name="items"/>.</summary>
    /// <typeparam name="T">A listed thing that holds a session.</typeparam>
    /// <param name="items">The listing, in its order.</param>
    /// <param name="session">The session of an item.</param>
    /// <returns>Each item once, with whether it is listed under its lead.</returns>
    public static IReadOnlyList<(T Item, bool UnderLead)> UnderLeads<T>(IEnumerable<T> items, Func<T, Session> session)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(session);
        var list = items.ToList();
        var listed = list.Select(i => session(i).SessionId).ToHashSet(StringComparer.Ordinal);
        bool HasListedLead(T item) => session(item).ParentSessionId is { } lead && listed.Contains(lead);
        var teammates = list.Where(HasListedLead).ToLookup(i => session(i).ParentSessionId!, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(T, bool)>(list.Count);

        void Place(T item, bool underLead)
        {
            if (!placed.Add(session(item).SessionId))
            {
                return;
            }

            result.Add((item, underLead));
            foreach (var teammate in teammates[session(item).SessionId])
            {
                Place(teammate, true);
            }
        }

        foreach (var item in list.Where(i => !HasListedLead(i)))
        {
            Place(item, false);
        }

        // Sessions that name each other as lead (never written by Claude Code) are still listed, each once.
        foreach (var item in list)
        {
            Place(item, false);
        }

        return result;
    }

    /// <summary>The name a listing shows: the session's name, else its name in its team, else <c>-</c>; under its lead
    /// prefixed with <see cref="Branch"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="underLead">Whether it is listed under its lead.</param>
    /// <returns>The name to show (not yet made printable).</returns>
    public static string NameOf(Session session, bool underLead)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (underLead ? Branch : "") + (session.Name ?? session.AgentName ?? "-");
    }
}
