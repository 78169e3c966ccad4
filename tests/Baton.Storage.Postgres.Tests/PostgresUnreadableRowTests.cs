using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Rows of the team store that Baton cannot read, left by another program or a hand edit (issue 16). Npgsql does not
/// say which columns are the key, so the message names the row by its first column.</summary>
public sealed class PostgresUnreadableRowTests : IDisposable
{
    private readonly TestSchema _schema = TestSchema.Create();

    [Fact]
    public void A_time_out_of_range_is_a_store_exception_naming_the_table_and_the_row()
    {
        using var store = PostgresStore.Open(_schema.ConnectionString);
        store.SetState("s", "k", "1", null, "human");
        _schema.Scalar("UPDATE state SET updated_at = 99999999999999999");

        var failure = Should.Throw<StoreException>(() => store.GetState("s", "k"));

        failure.Message.ShouldContain("has a row Baton cannot read (table state, scope 's'): updated_at 99999999999999999 is not a time");
        failure.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_status_Baton_does_not_know_is_a_store_exception_naming_the_session()
    {
        using var store = PostgresStore.Open(_schema.ConnectionString);
        _schema.Scalar("INSERT INTO sessions (session_id, status, started_at, updated_at) VALUES ('odd', 'dancing', 1, 1)");

        var failure = Should.Throw<StoreException>(() => store.ListSessions(SessionFilter.All));

        failure.Message.ShouldContain("(table sessions, session_id 'odd'): 'dancing' is not a session status");
    }

    [Fact]
    public void The_integrity_check_is_left_to_the_server()
    {
        using var store = PostgresStore.Open(_schema.ConnectionString);

        store.CheckIntegrity(full: true).ShouldBeNull();
    }

    public void Dispose() => _schema.Dispose();
}
