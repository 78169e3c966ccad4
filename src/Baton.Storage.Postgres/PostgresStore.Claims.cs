using System.Data;

namespace Baton.Storage.Postgres;

// What the shared claims (RelationalStore.Queues, RelationalStore.Tasks) ask of PostgreSQL: claimers run at once, so a claim
// locks the row it decides on and a claim of the next item or task passes over rows other claimers hold, in a
// read-committed transaction that never aborts on a lost race: of racing claimers exactly one wins and the others are told
// the owner.
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

    /// <summary>Locks the task's row for this transaction (<c>FOR UPDATE</c>): a claim of a given task waits for a concurrent
    /// change of it to commit and judges its readiness on the newest version; a claim of the next ready task skips rows other
    /// claimers hold (<c>SKIP LOCKED</c>) and takes the next, and a row claimed and committed meanwhile no longer matches when
    /// it is locked and is passed over.</summary>
    /// <inheritdoc/>
    protected override string ClaimRowLock(bool skipLocked) => skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";

    /// <summary>Runs a claim in a read-committed transaction: the row locks of <see cref="NextClaimableLocked"/> and
    /// <see cref="ClaimRowLock"/>, not serializable isolation, keep two claimers off one item or task.</summary>
    /// <inheritdoc/>
    protected override T WriteClaim<T>(Func<T> body) => Write(body, IsolationLevel.ReadCommitted);
}
