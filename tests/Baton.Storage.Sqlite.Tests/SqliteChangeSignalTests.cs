using Baton.Core.Coordination;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

/// <summary>The store's change notices, against real SQLite files; time-outs only bound a hung run.</summary>
public sealed class SqliteChangeSignalTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-signal-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public async Task A_commit_by_another_connection_is_noticed_and_then_repeated_while_quiet_times_out()
    {
        using var writer = SqliteStore.Open(DatabasePath);
        using var signal = new SqliteChangeSignal(DatabasePath);
        (await signal.WaitAsync(TimeSpan.FromMilliseconds(700), CancellationToken.None)).ShouldBeFalse("nothing was written");

        new Coordinator(writer, TimeProvider.System).StoreData("issue:1", "owner", "\"alice\"", expectedVersion: null, "alice");

        (await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None)).ShouldBeTrue("the commit raised a notice");
        (await signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None)).ShouldBeTrue("the notice is repeated, for a commit not yet visible");
        for (var i = 0; i < 10 && await signal.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None); i++)
        {
            // Drain the repeats (and any notices the commit raised beside the first).
        }

        (await signal.WaitAsync(TimeSpan.FromMilliseconds(1500), CancellationToken.None)).ShouldBeFalse("the repeats end");
    }

    public void Dispose() => _directory.Dispose();
}
