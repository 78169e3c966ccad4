namespace Baton.Core.Sessions;

/// <summary>A session as the dashboard shows it: the session, since when it has had its current status, and its unread messages.</summary>
/// <param name="Session">The session.</param>
/// <param name="StatusSince">When its status last changed (UTC): <see cref="Session.StatusSince"/>, kept by the store.</param>
/// <param name="Unread">How many messages to it are unread (neither delivered into its context nor shown by its inbox).</param>
public sealed record WatchedSession(Session Session, DateTimeOffset StatusSince, int Unread = 0)
{
    /// <summary>Whether the dashboard lists it under its lead, as a teammate of an agent team (<see cref="TeamOrder"/>).</summary>
    public bool UnderLead { get; init; }

    /// <summary>Whether the session waits for a person (a permission or an idle prompt).</summary>
    public bool NeedsPerson => Session.Status.NeedsPerson();

    /// <summary>The name people know the session by: its name, else its name in its agent team, else its project, else its short id.</summary>
    public string Label => LabelOf(Session);

    /// <summary>The name people know a session by: its name, else its name in its agent team, else its project, else its short id.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The label.</returns>
    public static string LabelOf(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Name ?? session.AgentName ?? session.Project ?? SessionRegistry.ShortId(session.SessionId);
    }

    /// <summary>
    /// The dashboard's order: unseen waiting_permission first, then unseen waiting_input, then waits a person marked as
    /// seen (<see cref="Session.SeenAt"/>), each longest waiting first; then the rest, most recent activity first. Ties go
    /// by session id so the order is stable. Teammates of an agent team follow their lead (<see cref="UnderLead"/>).
    /// </summary>
    /// <param name="sessions">The sessions.</param>
    /// <returns>The sessions in order.</returns>
    public static IReadOnlyList<WatchedSession> Order(IEnumerable<WatchedSession> sessions) => TeamOrder.UnderLeads(
            sessions
                .OrderBy(w => Rank(w.Session))
                .ThenBy(w => w.NeedsPerson ? w.StatusSince.UtcTicks : -w.Session.UpdatedAt.UtcTicks)
                .ThenBy(w => w.Session.SessionId, StringComparer.Ordinal),
            w => w.Session)
        .Select(p => p.Item with { UnderLead = p.UnderLead })
        .ToList();

    /// <summary>Whether the session matches a filter: its id, name, project, branch or task contains the text (any case).</summary>
    /// <param name="filter">The filter text; null or blank matches everything.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var text = filter.Trim();
        var s = Session;
        return new[] { s.SessionId, s.Name, s.Project, s.Branch, s.Task }
            .Any(field => field is not null && field.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    private static int Rank(Session session) => session switch
    {
        { Status: SessionStatus.WaitingPermission, SeenAt: null } => 0,
        { Status: SessionStatus.WaitingInput, SeenAt: null } => 1,
        _ when session.Status.NeedsPerson() => 2,
        _ => 3,
    };
}
