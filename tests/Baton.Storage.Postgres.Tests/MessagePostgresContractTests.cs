using Baton.Core.Messages;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class MessagePostgresContractTests : MessageContract
{
    private readonly TestSchema _schema = TestSchema.Create();

    protected override IMessageStore CreateStore(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override IMessageStore OpenSecondConnection(TimeProvider clock) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schema.Dispose();
        }

        base.Dispose(disposing);
    }
}
