using System.Diagnostics;
using System.Globalization;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>The writers' turn in front of SQLite's write lock (<see cref="SqliteWriterQueue"/>): waiting in it, giving up
/// on it, and a holder in another process named by a waiting store.</summary>
public sealed class SqliteWriterQueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-queue-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public async Task A_writer_asking_while_another_has_the_turn_gets_it_when_the_other_gives_it_back()
    {
        using var first = SqliteWriterQueue.Open(DatabasePath).ShouldNotBeNull();
        using var second = SqliteWriterQueue.Open(DatabasePath).ShouldNotBeNull();
        first.TryTake().ShouldBeTrue();
        second.TryTake().ShouldBeFalse("one writer has the turn at a time");

        var request = second.Ask();
        request.Task.IsCompleted.ShouldBeFalse();
        first.GiveBack();

        (await request.Task.WaitAsync(Patience)).ShouldBeTrue();
        first.TryTake().ShouldBeFalse("the waiter has the turn now");
        second.GiveBack();
        first.TryTake().ShouldBeTrue();
    }

    [Fact]
    public async Task A_request_withdrawn_before_the_turn_came_gives_the_turn_back_when_it_comes()
    {
        using var first = SqliteWriterQueue.Open(DatabasePath).ShouldNotBeNull();
        using var second = SqliteWriterQueue.Open(DatabasePath).ShouldNotBeNull();
        using var third = SqliteWriterQueue.Open(DatabasePath).ShouldNotBeNull();
        first.TryTake().ShouldBeTrue();
        var withdrawn = second.Ask();
        withdrawn.TrySetCanceled().ShouldBeTrue();

        first.GiveBack();

        // The second's thread may take the turn for the withdrawn request before the third asks; it must give it back.
        var request = third.Ask();
        (await request.Task.WaitAsync(Patience)).ShouldBeTrue();
    }

    [Fact]
    public void A_write_behind_a_stopped_process_holding_the_turn_fails_at_once_naming_it()
    {
        using var store = SqliteStore.Open(DatabasePath, writeLockWait: TimeSpan.FromSeconds(20));
        using var holder = Process.Start(new ProcessStartInfo("flock")
        {
            ArgumentList = { SqliteWriterQueue.PathOf(DatabasePath), "-c", "echo held; read line" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        }).ShouldNotBeNull();
        try
        {
            holder.StandardOutput.ReadLine().ShouldBe("held");
            Signal(holder, "-STOP");

            var failure = Should.Throw<StoreException>(store.CheckWritable);

            failure.IsTransient.ShouldBeTrue();
            failure.Message.ShouldContain($"pid {holder.Id} (stopped)");
        }
        finally
        {
            Signal(holder, "-CONT");
            holder.StandardInput.Close();
            holder.WaitForExit(Patience);
        }

        store.CheckWritable();
    }

    public void Dispose() => _directory.Dispose();

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
