using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class PostgresStoreContractTests : StoreContract
{
    private readonly TestSchema _schema = TestSchema.Create();

    protected override IStore CreateStore() => PostgresStore.Open(_schema.ConnectionString);

    protected override IStore OpenSecondConnection() => PostgresStore.Open(_schema.ConnectionString);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schema.Dispose();
        }

        base.Dispose(disposing);
    }
}
