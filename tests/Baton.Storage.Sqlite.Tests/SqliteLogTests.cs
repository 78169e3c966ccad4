using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>The write-ahead log across short-lived users of the store, as hook processes are: kept on close, yet bounded.</summary>
public sealed class SqliteLogTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-log-");

    private string DatabasePath => _directory.Combine("baton.db");

    private string LogPath => DatabasePath + "-wal";

    [Fact]
    public void The_last_store_to_close_leaves_its_log_instead_of_checkpointing_it_into_the_database()
    {
        using (var store = SqliteStore.Open(DatabasePath))
        {
            Record(store, 0);
        }

        File.Exists(LogPath).ShouldBeTrue("SQLite deletes the log only after checkpointing it on close");
        new FileInfo(LogPath).Length.ShouldBeGreaterThan(0);
        using var reopened = SqliteStore.Open(DatabasePath);
        reopened.GetSession("s0").ShouldNotBeNull().Name.ShouldBe("n0");
    }

    [Fact]
    public void Many_stores_opened_one_after_the_other_keep_the_log_short_and_lose_nothing()
    {
        const int cycles = 400;
        long longest = 0;
        for (var i = 0; i < cycles; i++)
        {
            using (var store = SqliteStore.Open(DatabasePath))
            {
                Record(store, i);
            }

            longest = Math.Max(longest, new FileInfo(LogPath).Length);
        }

        longest.ShouldBeGreaterThan(SqliteLog.LimitBytes / 2, "the cycles wrote enough to need checkpoints");
        longest.ShouldBeLessThan(SqliteLog.LimitBytes + (64 * 1024), "a store closing a log past the limit empties it");
        using var check = SqliteStore.Open(DatabasePath);
        check.CheckIntegrity(full: true).ShouldBeEmpty();
        for (var s = 0; s < 4; s++)
        {
            check.GetSession($"s{s}").ShouldNotBeNull().Name.ShouldBe($"n{cycles - 4 + s}");
        }

        check.ReadJournal(0, 10_000).Count.ShouldBe(cycles);
    }

    [Fact]
    public void A_store_kept_open_leaves_its_log_to_SQLite_and_empties_it_when_it_closes_past_the_limit()
    {
        var store = SqliteStore.Open(DatabasePath);
        var writes = 0;
        while (writes < 5_000 && new FileInfo(LogPath).Length <= SqliteLog.LimitBytes * 3 / 2)
        {
            Record(store, writes++);
        }

        new FileInfo(LogPath).Length.ShouldBeGreaterThan(SqliteLog.LimitBytes, "the open store's commits do not empty the log");
        store.Dispose();

        new FileInfo(LogPath).Length.ShouldBe(0);
        using var check = SqliteStore.Open(DatabasePath);
        check.ReadJournal(0, 10_000).Count.ShouldBe(writes);
    }

    public void Dispose() => _directory.Dispose();

    private static void Record(SqliteStore store, int i)
    {
        var id = $"s{i % 4}";
        store.UpdateSession(id, current => new SessionChange(
            (current ?? new Session { SessionId = id }) with { Name = $"n{i}", Task = new string('t', 2_000) },
            "session.status",
            "human",
            null));
    }
}
