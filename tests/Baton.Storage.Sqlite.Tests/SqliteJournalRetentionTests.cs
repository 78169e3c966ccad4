using System.Text.Json.Nodes;
using Baton.Core.Journal;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteJournalRetentionTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-retention-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public void A_large_collection_deletes_in_changes_of_at_most_ten_thousand_entries_each_journaled()
    {
        using var store = SqliteStore.Open(DatabasePath);
        using (var raw = RawSqlite.Open(DatabasePath))
        {
            raw.Scalar(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)
                INSERT INTO journal (type, subject, actor, at, data) SELECT 'event.build', 'event:build', 'human', 1, NULL FROM n
                """);
        }

        var collected = store.CollectJournal(new JournalRetention(null, 0), "human", dryRun: false);

        collected.Deleted.ShouldBe(25000);
        var journal = store.ReadJournal(0, 100);
        journal.ShouldAllBe(e => e.Type == JournalTypes.JournalGc);
        journal.Select(e => JsonNode.Parse(e.Data!)!["deleted"]!.GetValue<long>()).ShouldBe([10000L, 10000L, 5000L]);
        journal.Select(e => JsonNode.Parse(e.Data!)!["remaining"]!.GetValue<long>()).ShouldBe([15001L, 5002L, 3L]);
        collected.Entry.ShouldBe(journal[^1]);
        collected.Remaining.ShouldBe(3);
    }

    public void Dispose() => _directory.Dispose();
}
