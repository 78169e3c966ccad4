using Baton.Core.Storage;
using Baton.Storage.Contract.Races;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Storage.Sqlite.Tests;

public sealed class CoordinationRaceTests(ITestOutputHelper output) : CoordinationRaceContract(output)
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-race-");

    protected override string RacerStore => _directory.Combine("baton.db");

    protected override IBatonStore OpenStore(TimeProvider? clock = null) => SqliteStore.Open(RacerStore, clock);

    protected override void AssertIntact(IBatonStore store) => ((SqliteStore)store).CheckIntegrity(full: true).ShouldBeEmpty();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
