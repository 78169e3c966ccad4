using Baton.Core.Coordination;
using System.Data.Common;

namespace Baton.Storage.Relational;

public abstract partial class RelationalStore
{
    private const string HandoffColumns = "subject, next_steps, context, to_session, created_by, created_at, taken_by, taken_at";

    /// <inheritdoc/>
    public Handoff CreateHandoff(string subject, string nextSteps, string context, string? to, string actor)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(nextSteps);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteChange(() =>
        {
            var now = NowMs();
            var previous = HandoffRow(subject);
            var created = new Handoff(subject, nextSteps, context, to, actor, UnixTime(now), null, null);
            Connection.ExecuteStatement(
                """
                INSERT INTO handoffs (subject, next_steps, context, to_session, created_by, created_at, taken_by, taken_at)
                VALUES (@subject, @next, @context, @to, @actor, @now, NULL, NULL)
                ON CONFLICT (subject) DO UPDATE SET next_steps = excluded.next_steps, context = excluded.context,
                    to_session = excluded.to_session, created_by = excluded.created_by, created_at = excluded.created_at,
                    taken_by = NULL, taken_at = NULL
                """,
                ("@subject", subject),
                ("@next", nextSteps),
                ("@context", context),
                ("@to", to),
                ("@actor", actor),
                ("@now", now));
            AppendEntry(
                CoordinationJournalTypes.HandoffCreated,
                CoordinationJournalTypes.HandoffSubject(subject),
                actor,
                CoordinationJournalTypes.HandoffCreatedData(created, replacedOpen: previous is { IsTaken: false }),
                now);
            return created;
        });
    }

    /// <inheritdoc/>
    public Handoff? TakeHandoff(string subject, string taker)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(taker);
        return WriteChange(() =>
        {
            var now = NowMs();
            var current = HandoffRow(subject);
            if (current is null)
            {
                return null;
            }

            if (current.IsTaken || (current.To is { } to && to != taker))
            {
                throw new HandoffUnavailableException(taker, current);
            }

            Connection.ExecuteStatement(
                "UPDATE handoffs SET taken_by = @taker, taken_at = @now WHERE subject = @subject",
                ("@taker", taker),
                ("@now", now),
                ("@subject", subject));
            var taken = current with { TakenBy = taker, TakenAt = UnixTime(now) };
            AppendEntry(CoordinationJournalTypes.HandoffTaken, CoordinationJournalTypes.HandoffSubject(subject), taker, CoordinationJournalTypes.HandoffTakenData(taken), now);
            return taken;
        });
    }

    /// <inheritdoc/>
    public Handoff? GetHandoff(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return HandoffRow(subject);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Handoff> ListHandoffs(bool includeTaken) => QueryRows(
        $"SELECT {HandoffColumns} FROM handoffs WHERE @all OR taken_by IS NULL ORDER BY created_at DESC, subject",
        ReadHandoff,
        ("@all", includeTaken));

    private Handoff? HandoffRow(string subject) =>
        QueryRows($"SELECT {HandoffColumns} FROM handoffs WHERE subject = @subject", ReadHandoff, ("@subject", subject)).SingleOrDefault();

    private static Handoff ReadHandoff(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        NullableText(r, 3),
        r.GetString(4),
        UnixTime(r.GetInt64(5)),
        NullableText(r, 6),
        UnixTime(r, 7));
}
