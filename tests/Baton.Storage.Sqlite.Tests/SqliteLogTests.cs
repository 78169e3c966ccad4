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

        longest.ShouldBeGreaterThan(SqliteTransactions.LogLimitBytes / 2, "the cycles wrote enough to need checkpoints");
        longest.ShouldBeLessThan(SqliteTransactions.LogLimitBytes + (64 * 1024), "a writer empties the log once it passes the limit");
        using var check = SqliteStore.Open(DatabasePath);
        check.CheckIntegrity().ShouldBe("ok");
        for (var s = 0; s < 4; s++)
        {
            check.GetSession($"s{s}").ShouldNotBeNull().Name.ShouldBe($"n{cycles - 4 + s}");
        }

        check.ReadJournal(0, 10_000).Count.ShouldBe(cycles);
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
