using Baton.Core.Coordination;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresMigrationTests : IDisposable
{
    private readonly TestSchema _schema = TestSchema.Create();

    [Fact]
    public void The_first_open_creates_the_store_at_the_latest_version()
    {
        using var store = PostgresStore.Open(_schema.ConnectionString);

        store.SchemaVersion.ShouldBe(PostgresSchema.LatestVersion);
        _schema.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = 'journal'", ("@s", _schema.Name)).ShouldBe(1L);
    }

    [Fact]
    public async Task Processes_that_open_a_new_store_at_once_migrate_it_exactly_once()
    {
        var opens = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var store = PostgresStore.Open(_schema.ConnectionString);
            return store.SchemaVersion;
        }));

        (await Task.WhenAll(opens)).ShouldAllBe(v => v == PostgresSchema.LatestVersion);
        _schema.Scalar("SELECT count(*) FROM baton_schema").ShouldBe(1L);
    }

    [Fact]
    public void A_store_written_by_a_newer_Baton_is_refused_with_a_clear_message()
    {
        PostgresStore.Open(_schema.ConnectionString).Dispose();
        _schema.Scalar("UPDATE baton_schema SET version = 999");

        var refused = Should.Throw<StoreException>(() => PostgresStore.Open(_schema.ConnectionString));

        refused.Message.ShouldContain("schema version 999, newer than this Baton knows");
        refused.Message.ShouldContain("update Baton");
        refused.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void A_store_from_before_task_lists_gains_them_and_keeps_what_it_held()
    {
        using (var first = PostgresStore.Open(_schema.ConnectionString))
        {
            first.AppendEvent("event.deploy", "deploy", "human", null);
        }

        _schema.Scalar("ALTER TABLE sessions DROP COLUMN team_name, DROP COLUMN agent_name, DROP COLUMN parent_session_id, DROP COLUMN os_user");
        _schema.Scalar("ALTER TABLE journal DROP COLUMN origin; DROP TABLE store_identity, copied_rows");
        _schema.Scalar("DROP TABLE task_lists, tasks, task_dependencies; UPDATE baton_schema SET version = 1");

        using var store = PostgresStore.Open(_schema.ConnectionString);

        store.SchemaVersion.ShouldBe(PostgresSchema.LatestVersion);
        store.QueryJournal(new JournalQuery(0, "event.deploy", null, 10)).Count.ShouldBe(1);
        store.AddTask(new NewTask("plan", "a", "", 0, null, []), "human").Id.ShouldBe(1);
    }

    [Fact]
    public void A_store_from_before_users_and_origins_keeps_its_rows_with_them_unknown_and_gains_a_store_id()
    {
        using (var first = PostgresStore.Open(_schema.ConnectionString))
        {
            first.AppendEvent("event.deploy", "deploy", "human", null);
        }

        _schema.Scalar("ALTER TABLE sessions DROP COLUMN os_user; ALTER TABLE journal DROP COLUMN origin; DROP TABLE store_identity, copied_rows; UPDATE baton_schema SET version = 3");

        using var store = PostgresStore.Open(_schema.ConnectionString);

        store.SchemaVersion.ShouldBe(PostgresSchema.LatestVersion);
        store.QueryJournal(new JournalQuery(0, "event.deploy", null, 10)).ShouldHaveSingleItem().Origin.ShouldBeNull();
        store.StoreId.ShouldNotBeNullOrEmpty();
    }

    public void Dispose() => _schema.Dispose();
}
