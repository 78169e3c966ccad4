using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class CopySqliteContractTests : CopyContract
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-copy-");
    private int _stores;

    protected override IBatonStore CreateStore() => SqliteStore.Open(_directory.Combine($"store-{++_stores}", "baton.db"));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
