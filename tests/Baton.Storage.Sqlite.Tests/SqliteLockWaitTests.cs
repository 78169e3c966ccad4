using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteLockWaitTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-lock-");

    private string DatabasePath => _directory.Combine("baton.db");

    [Fact]
    public async Task A_write_waits_for_a_lock_held_by_another_connection_instead_of_failing()
    {
        using var store = SqliteStore.Open(DatabasePath);
        using var holder = RawSqlite.Open(DatabasePath);
        holder.Scalar("BEGIN IMMEDIATE");
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            holder.Scalar("COMMIT");
        });

        store.UpdateSession("s", _ => new SessionChange(new Session { SessionId = "s" }, "session.status", "human", null));

        await release;
        store.GetSession("s").ShouldNotBeNull();
    }

    public void Dispose() => _directory.Dispose();
}
