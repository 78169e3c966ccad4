using Baton.Core.Storage;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Postgres.Tests;

public sealed class CopyPostgresContractTests : CopyContract
{
    private readonly List<TestSchema> _schemas = [];

    protected override IBatonStore CreateStore()
    {
        var schema = TestSchema.Create();
        _schemas.Add(schema);
        return PostgresStore.Open(schema.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var schema in _schemas)
            {
                schema.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
