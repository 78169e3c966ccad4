using System.Diagnostics;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-migration-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public void An_existing_empty_file_opens_with_the_latest_schema()
    {
        var latest = LatestVersion();
        File.WriteAllBytes(DatabasePath, []);

        using var store = SqliteStore.Open(DatabasePath);

        store.SchemaVersion.ShouldBe(latest);
        store.Path.ShouldBe(DatabasePath);
        store.UpdateSession("s", _ => new SessionChange(new Session { SessionId = "s" }, "session.status", "human", null));
        store.GetSession("s").ShouldNotBeNull();
    }

    [Fact]
    public void A_file_opened_again_keeps_its_schema_version_and_its_data()
    {
        using (var first = SqliteStore.Open(DatabasePath))
        {
            first.UpdateSession("s", _ => new SessionChange(new Session { SessionId = "s", Task = "kept" }, "session.task", "human", null));
        }

        using var second = SqliteStore.Open(DatabasePath);

        second.SchemaVersion.ShouldBe(LatestVersion());
        second.GetSession("s").ShouldNotBeNull().Task.ShouldBe("kept");
        second.ReadJournal(0, 10).Count.ShouldBe(1);
    }

    [Fact]
    public void Opening_a_migrated_file_needs_no_write_lock_so_migrations_do_not_run_again()
    {
        SqliteStore.Open(DatabasePath).Dispose();
        using var holder = RawSqlite.Open(DatabasePath);
        holder.Scalar("BEGIN IMMEDIATE");
        try
        {
            var stopwatch = Stopwatch.StartNew();

            using var store = SqliteStore.Open(DatabasePath);

            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "Open waited for the write lock another connection holds");
            store.SchemaVersion.ShouldBe(LatestVersion());
        }
        finally
        {
            holder.Scalar("ROLLBACK");
        }
    }

    [Fact]
    public void A_file_from_a_newer_baton_is_refused_with_a_store_exception_naming_it()
    {
        var latest = LatestVersion();
        SqliteStore.Open(DatabasePath).Dispose();
        using (var raw = RawSqlite.Open(DatabasePath))
        {
            raw.Scalar($"PRAGMA user_version = {latest + 1}");
        }

        var e = Should.Throw<StoreException>(() => SqliteStore.Open(DatabasePath));

        e.Message.ShouldContain(DatabasePath);
        e.Message.ShouldContain("newer");
    }

    [Fact]
    public void A_file_from_before_status_since_gets_each_sessions_last_update_as_its_start()
    {
        var updated = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        using (var first = SqliteStore.Open(DatabasePath))
        {
            first.UpdateSession("s", _ => new SessionChange(new Session { SessionId = "s", Status = SessionStatus.WaitingInput, UpdatedAt = updated }, "session.status", "human", null));
        }

        using (var raw = RawSqlite.Open(DatabasePath))
        {
            // Back to schema version 5, the last without status_since: it and the columns and tables later migrations added go.
            var later = Convert.ToString(raw.Scalar(
                "SELECT group_concat(name, ' ') FROM pragma_table_info('sessions') WHERE cid >= (SELECT cid FROM pragma_table_info('sessions') WHERE name = 'status_since')"),
                System.Globalization.CultureInfo.InvariantCulture)!;
            foreach (var column in later.Split(' '))
            {
                raw.Scalar($"ALTER TABLE sessions DROP COLUMN {column}");
            }

            raw.Scalar("DROP TABLE task_dependencies; DROP TABLE tasks; DROP TABLE task_lists");
            raw.Scalar("ALTER TABLE journal DROP COLUMN origin; DROP TABLE store_identity; DROP TABLE copied_rows");

            raw.Scalar("PRAGMA user_version = 5");
        }

        using var store = SqliteStore.Open(DatabasePath);

        store.SchemaVersion.ShouldBe(LatestVersion());
        store.GetSession("s").ShouldNotBeNull().StatusSince.ShouldBe(updated);
    }

    [Fact]
    public void A_file_from_before_users_and_origins_keeps_its_rows_with_them_unknown_and_gains_a_store_id()
    {
        using (var first = SqliteStore.Open(DatabasePath))
        {
            first.UpdateSession("s", _ => new SessionChange(new Session { SessionId = "s", Host = "a", User = "ada" }, "session.status", "human", null));
        }

        using (var raw = RawSqlite.Open(DatabasePath))
        {
            // Back to schema version 11, the last without os_user, origin and the copy's tables.
            raw.Scalar("ALTER TABLE sessions DROP COLUMN os_user; ALTER TABLE journal DROP COLUMN origin; DROP TABLE store_identity; DROP TABLE copied_rows");
            raw.Scalar("PRAGMA user_version = 11");
        }

        using var store = SqliteStore.Open(DatabasePath);

        store.SchemaVersion.ShouldBe(LatestVersion());
        var session = store.GetSession("s").ShouldNotBeNull();
        session.Host.ShouldBe("a");
        session.User.ShouldBeNull();
        store.ReadJournal(0, 10).ShouldHaveSingleItem().Origin.ShouldBeNull();
        store.StoreId.ShouldNotBeNullOrEmpty();
    }

    public void Dispose() => _directory.Dispose();

    private int LatestVersion()
    {
        using var fresh = SqliteStore.Open(_directory.Combine("fresh", "baton.db"));
        fresh.SchemaVersion.ShouldBeGreaterThanOrEqualTo(1);
        return fresh.SchemaVersion;
    }
}
