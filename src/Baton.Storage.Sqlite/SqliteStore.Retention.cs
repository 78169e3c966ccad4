namespace Baton.Storage.Sqlite;

// What the shared journal retention (RelationalStore.Retention) asks of SQLite.
public sealed partial class SqliteStore
{
    /// <summary>The message id of the subject as an integer, so that the lookup uses <c>message_recipients</c>' key.</summary>
    /// <inheritdoc/>
    protected override string RecipientOfMessageSubject => "r.message_id = CAST(substr(journal.subject, 9) AS INTEGER)";
}
