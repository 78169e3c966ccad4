using Baton.Core.Journal;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>Several OS processes on one store file at once (the writer program is Baton.Storage.Sqlite.Writer).</summary>
public sealed class SqliteMultiProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(25);

    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-processes-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Processes_writing_at_once_lose_no_update(int processes)
    {
        const int count = 200;

        await RunAllAsync(processes, count, WriterBarrier.BeforeWriting);

        using var store = SqliteStore.Open(DatabasePath);
        store.CheckIntegrity(full: true).ShouldBeEmpty();
        store.GetSession(WriterProcess.SharedSession).ShouldNotBeNull().ActiveSubagents.ShouldBe(processes * count);
        for (var p = 0; p < processes; p++)
        {
            for (var i = 0; i < count; i++)
            {
                store.GetSession($"w{p}-{i}").ShouldNotBeNull().Task.ShouldBe($"w{p}");
            }
        }

        store.ListSessions(SessionFilter.All).Count.ShouldBe((processes * count) + 1);
        var journal = store.ReadJournal(0, 100_000);
        journal.Count.ShouldBe(processes * count * 2);
        journal.Zip(journal.Skip(1)).ShouldAllBe(pair => pair.Second.Sequence > pair.First.Sequence);
        journal.Count(e => e.Subject == JournalTypes.SessionSubject(WriterProcess.SharedSession)).ShouldBe(processes * count);
        for (var p = 0; p < processes; p++)
        {
            journal.Count(e => e.Actor == $"w{p}").ShouldBe(count * 2);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Processes_opening_a_new_file_at_once_all_succeed(bool emptyFileExists)
    {
        for (var round = 0; round < 3; round++)
        {
            var path = _directory.Combine($"round-{round}", "baton.db");
            if (emptyFileExists)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, []);
            }

            await RunAllAsync(4, 1, WriterBarrier.BeforeOpen, path);

            using var store = SqliteStore.Open(path);
            store.CheckIntegrity(full: true).ShouldBeEmpty();
            store.SchemaVersion.ShouldBeGreaterThanOrEqualTo(1);
            store.GetSession(WriterProcess.SharedSession).ShouldNotBeNull().ActiveSubagents.ShouldBe(4);
            store.ReadJournal(0, 100).Count.ShouldBe(8);
        }
    }

    public void Dispose() => _directory.Dispose();

    private async Task RunAllAsync(int processes, int count, WriterBarrier barrier, string? path = null)
    {
        var writers = Enumerable.Range(0, processes)
            .Select(p => WriterProcess.Start(path ?? DatabasePath, $"w{p}", count, barrier))
            .ToList();
        try
        {
            await Task.WhenAll(writers.Select(w => w.WaitUntilWaitingAsync(StartTimeout)));
            foreach (var writer in writers)
            {
                writer.Go();
            }

            await Task.WhenAll(writers.Select(w => w.ShouldSucceedAsync(RunTimeout)));
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }
}
