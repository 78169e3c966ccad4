using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>The write-ahead log under sustained writes from several processes while a reader keeps the store open (issue 16:
/// it grew to 95 MB at 351 writes/s).</summary>
public sealed class SqliteLogBoundTests : IDisposable
{
    private const long BoundBytes = 16 << 20;
    private const int Writers = 4;
    private const int PairsEach = 2_500;

    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-log-bound-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public async Task Writers_in_several_processes_with_a_reader_polling_keep_the_log_under_16_MiB_at_every_sample()
    {
        using (var created = SqliteStore.Open(DatabasePath))
        {
            created.CheckWritable();
        }

        using var reader = SqliteStore.Open(DatabasePath);
        var writers = Enumerable.Range(0, Writers)
            .Select(p => WriterProcess.Start(DatabasePath, $"w{p}", PairsEach, WriterBarrier.BeforeWriting))
            .ToList();
        long longest = 0;
        var samples = 0;
        var reads = 0;
        long seen = 0;
        try
        {
            await Task.WhenAll(writers.Select(w => w.WaitUntilWaitingAsync(TimeSpan.FromSeconds(30))));
            foreach (var writer in writers)
            {
                writer.Go();
            }

            var finished = Task.WhenAll(writers.Select(w => w.ShouldSucceedAsync(TimeSpan.FromMinutes(4))));
            while (!finished.IsCompleted)
            {
                // The reader is the store a `baton watch` keeps open, following the journal: short reads, again and again.
                seen = reader.ReadJournal(seen, 500) is [.., var last] ? last.Sequence : seen;
                reader.GetSession(WriterProcess.SharedSession);
                reads++;
                longest = Math.Max(longest, LogLength());
                samples++;
                await Task.Yield();
            }

            await finished;
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }

        longest.ShouldBeLessThan(BoundBytes, $"the longest of {samples} samples taken while {Writers} processes wrote {Writers * PairsEach * 2} changes and the reader read {reads} times");
        longest.ShouldBeGreaterThan(SqliteLog.CheckpointBytes / 2, "the writers wrote enough to need checkpoints");
        reader.CheckIntegrity(full: true).ShouldBeEmpty();
        reader.GetSession(WriterProcess.SharedSession).ShouldNotBeNull().ActiveSubagents.ShouldBe(Writers * PairsEach);
    }

    public void Dispose() => _directory.Dispose();

    private long LogLength()
    {
        var log = new FileInfo(DatabasePath + "-wal");
        return log.Exists ? log.Length : 0;
    }
}
