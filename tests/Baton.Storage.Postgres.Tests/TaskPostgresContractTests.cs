using Baton.Core.Tasks;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class TaskPostgresContractTests : TaskContract
{
    private readonly TestSchema _schema = TestSchema.Create();

    protected override ITaskStore CreateStore(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override ITaskStore OpenSecondConnection(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schema.Dispose();
        }

        base.Dispose(disposing);
    }
}
