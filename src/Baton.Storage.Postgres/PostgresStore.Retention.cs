namespace Baton.Storage.Postgres;

// What the shared journal retention (RelationalStore.Retention) asks of PostgreSQL.
public sealed partial class PostgresStore
{
    /// <summary>The message id compared as text, so that a subject that is not a number matches nothing instead of failing
    /// the cast.</summary>
    /// <inheritdoc/>
    protected override string RecipientOfMessageSubject => "r.message_id::text = substr(journal.subject, 9)";
}
