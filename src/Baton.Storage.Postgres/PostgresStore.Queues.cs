using System.Data;

namespace Baton.Storage.Postgres;

// What the shared queue code (RelationalStore.Queues) asks of PostgreSQL: claimers run at once, so a claim locks the row it
// takes and passes over rows other claimers hold, in a read-committed transaction that never aborts on a lost race.
public sealed partial class PostgresStore
{
    /// <summary>
    /// The next claimable item, locked for this transaction: other claimers skip it (<c>SKIP LOCKED</c>) and take the next, so
    /// claimers never wait on or abort one another; a row claimed and committed meanwhile no longer matches when it is
    /// locked and is passed over (PostgreSQL rechecks the condition on the newest version of a row it locks).
    /// </summary>
    protected override string NextClaimableLocked =>
        """
        SELECT id FROM queue_items
        WHERE queue = @queue AND (status = 'pending' OR (status = 'claimed' AND lease_expires_at <= @now))
        ORDER BY priority DESC, id LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    /// <summary>Runs a claim in a read-committed transaction: <see cref="NextClaimableLocked"/>'s row lock, not serializable
    /// isolation, keeps two claimers off one item.</summary>
    /// <inheritdoc/>
    protected override T WriteQueueClaim<T>(Func<T> body) => Write(body, IsolationLevel.ReadCommitted);
}
