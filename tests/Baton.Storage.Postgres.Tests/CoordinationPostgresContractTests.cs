using Baton.Core.Coordination;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class CoordinationPostgresContractTests : CoordinationContract
{
    private readonly TestSchema _schema = TestSchema.Create();

    protected override ICoordinationStore CreateStore(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override ICoordinationStore OpenSecondConnection(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schema.Dispose();
        }

        base.Dispose(disposing);
    }
}
