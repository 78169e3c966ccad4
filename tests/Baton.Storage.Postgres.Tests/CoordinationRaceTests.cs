using Baton.Core.Storage;
using Baton.Storage.Contract.Races;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Storage.Postgres.Tests;

public sealed class CoordinationRaceTests(ITestOutputHelper output) : CoordinationRaceContract(output)
{
    private readonly TestSchema _schema = TestSchema.Create();

    protected override string RacerStore => _schema.Url;

    protected override IBatonStore OpenStore(TimeProvider? clock = null) => PostgresStore.Open(_schema.ConnectionString, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _schema.Dispose();
        }

        base.Dispose(disposing);
    }
}
