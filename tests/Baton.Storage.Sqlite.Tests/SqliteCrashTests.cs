using Baton.Core.Journal;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>A writer killed with SIGKILL in the middle of its work leaves a whole store behind.</summary>
public sealed class SqliteCrashTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-crash-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(150)]
    public async Task A_writer_killed_mid_run_leaves_a_store_whose_every_change_has_its_journal_entry(int killAfter)
    {
        using (var writer = WriterProcess.Start(DatabasePath, "victim", 1_000_000, WriterBarrier.None))
        {
            await writer.WaitForProgressAsync(killAfter, Timeout);
            writer.Kill();
        }

        using var store = SqliteStore.Open(DatabasePath);
        store.CheckIntegrity(full: true).ShouldBeEmpty();
        ShouldMatchItsJournal(store, "victim", atLeast: killAfter);
    }

    [Fact]
    public async Task A_writer_killed_while_another_writes_leaves_the_other_whole()
    {
        const int count = 300;
        using var survivor = WriterProcess.Start(DatabasePath, "survivor", count, WriterBarrier.BeforeWriting);
        using var victim = WriterProcess.Start(DatabasePath, "victim", 1_000_000, WriterBarrier.BeforeWriting);
        await Task.WhenAll(survivor.WaitUntilWaitingAsync(Timeout), victim.WaitUntilWaitingAsync(Timeout));
        survivor.Go();
        victim.Go();

        await victim.WaitForProgressAsync(50, Timeout);
        victim.Kill();
        await survivor.ShouldSucceedAsync(Timeout);

        using var store = SqliteStore.Open(DatabasePath);
        store.CheckIntegrity(full: true).ShouldBeEmpty();
        ShouldMatchItsJournal(store, "victim", atLeast: 50);
        var journal = store.ReadJournal(0, 1_000_000);
        journal.Count(e => e.Actor == "survivor").ShouldBe(count * 2);
        for (var i = 0; i < count; i++)
        {
            store.GetSession($"survivor-{i}").ShouldNotBeNull();
        }

        var shared = store.GetSession(WriterProcess.SharedSession).ShouldNotBeNull();
        shared.ActiveSubagents.ShouldBe(journal.Count(e => e.Subject == JournalTypes.SessionSubject(WriterProcess.SharedSession)));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Every committed change of the killed writer has its journal entry and no entry lacks its change: the shared
    /// counter equals the entries on the shared session, and its sessions are exactly those with a creation entry,
    /// numbered from 0 without a gap.
    /// </summary>
    private static void ShouldMatchItsJournal(SqliteStore store, string prefix, int atLeast)
    {
        var journal = store.ReadJournal(0, 1_000_000);
        journal.Zip(journal.Skip(1)).ShouldAllBe(pair => pair.Second.Sequence > pair.First.Sequence);
        var sharedSubject = JournalTypes.SessionSubject(WriterProcess.SharedSession);
        var shared = store.GetSession(WriterProcess.SharedSession).ShouldNotBeNull();
        shared.ActiveSubagents.ShouldBe(journal.Count(e => e.Subject == sharedSubject));

        var created = journal.Where(e => e.Actor == prefix && e.Subject != sharedSubject).Select(e => e.Subject).ToList();
        var sessions = store.ListSessions(SessionFilter.All).Where(s => s.Task == prefix).ToList();
        created.Count.ShouldBeGreaterThanOrEqualTo(atLeast);
        sessions.Count.ShouldBe(created.Count);
        created.ShouldBe(Enumerable.Range(0, created.Count).Select(i => JournalTypes.SessionSubject($"{prefix}-{i}")));
        var increments = journal.Count(e => e.Actor == prefix && e.Subject == sharedSubject);
        increments.ShouldBeInRange(created.Count, created.Count + 1);
    }
}
