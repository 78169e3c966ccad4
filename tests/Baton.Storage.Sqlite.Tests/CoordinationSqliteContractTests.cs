using Baton.Core.Coordination;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class CoordinationSqliteContractTests : CoordinationContract
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-coordination-");

    private string DatabasePath => _directory.Combine("baton.db");

    protected override ICoordinationStore CreateStore(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override ICoordinationStore OpenSecondConnection(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
