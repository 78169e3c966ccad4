using Baton.Core.Storage;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Turns what goes wrong when the team store is opened into one line that names the fix: an unreachable server, a refused
/// login, an unknown database, a schema the user may not create, a schema newer than this Baton.
/// </summary>
internal static class PostgresFailure
{
    /// <summary>The exception to throw for a failed open.</summary>
    /// <param name="store">The store's description (no password).</param>
    /// <param name="e">What Npgsql or the migration threw.</param>
    /// <returns>A <see cref="StoreException"/> whose message is one line.</returns>
    public static StoreException OnOpen(string store, Exception e)
    {
        var message = e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"The team store {store} refused the password; set PGPASSWORD, add the user's line to ~/.pgpass, or run 'baton store use' again with the right one.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                $"The team store {store} refused the login ({p.MessageText}); ask its administrator to allow this user and host in pg_hba.conf.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"The team store {store} has no such database; create it (createdb) or fix the database name in the URL.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
                $"The team store {store} has no Baton schema and this user may not create it; ask the database owner to run 'baton store status' once (it migrates), or grant CREATE on the schema.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName } =>
                $"The team store {store} names a schema that does not exist; create it (CREATE SCHEMA) or fix the search_path in the URL.",
            PostgresException p => $"The team store {store} failed: {p.MessageText} (SQLSTATE {p.SqlState}).",
            NpgsqlException { InnerException: TimeoutException } or TimeoutException =>
                $"The team store {store} did not answer in time; check the server is up and reachable, or raise connect_timeout in the URL.",
            NpgsqlException n when n.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
                $"The team store {store} asks for a password and none was given; set PGPASSWORD, add a line to ~/.pgpass, or run 'baton store use' with it.",
            NpgsqlException n => $"The team store {store} is unreachable: {OneLine(n.InnerException?.Message ?? n.Message)}; check the server is up and the host and port are right.",
            InvalidOperationException i => $"The team store {store} cannot be used: {OneLine(i.Message)}",
            _ => $"The team store {store} cannot be opened: {OneLine(e.Message)}",
        };
        return Of(message, e);
    }

    /// <summary>The exception to throw for a failed read or write: transient (<see cref="StoreException.IsTransient"/>)
    /// when Npgsql says trying again may succeed (a lost connection, a lock or serialization conflict) or the server did not
    /// answer in time.</summary>
    /// <param name="message">What failed, naming the store.</param>
    /// <param name="e">What Npgsql threw.</param>
    /// <returns>The store exception.</returns>
    public static StoreException Of(string message, Exception e) =>
        new(message, e, transient: e is NpgsqlException { IsTransient: true } or TimeoutException);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.');
}
