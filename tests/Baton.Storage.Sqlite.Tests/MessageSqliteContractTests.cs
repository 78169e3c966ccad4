using Baton.Core.Messages;
using Baton.Storage.Contract;
using Baton.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class MessageSqliteContractTests : MessageContract
{
    private readonly TempDirectory _directory = TempDirectory.Create("baton-sqlite-messages-");

    private string DatabasePath => _directory.Combine("baton.db");

    protected override IMessageStore CreateStore(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override IMessageStore OpenSecondConnection(TimeProvider clock) => SqliteStore.Open(DatabasePath, clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }

        base.Dispose(disposing);
    }
}
