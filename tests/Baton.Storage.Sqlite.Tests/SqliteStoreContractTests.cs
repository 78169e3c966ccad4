using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-contract-");

    private string DatabasePath => _directory.Combine("baton.db");

    protected override IStore CreateStore() => SqliteStore.Open(DatabasePath);

    protected override IStore OpenSecondConnection() => SqliteStore.Open(DatabasePath);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
