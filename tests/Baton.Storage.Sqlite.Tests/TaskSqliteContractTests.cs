using Baton.Core.Tasks;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class TaskSqliteContractTests : TaskContract
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-tasks-");

    private string DatabasePath => _directory.Combine("baton.db");

    protected override ITaskStore CreateStore(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override ITaskStore OpenSecondConnection(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
