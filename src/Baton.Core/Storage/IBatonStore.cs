using Baton.Core.Coordination;
using Baton.Core.Messages;
using Baton.Core.Storage.Copy;
using Baton.Core.Tasks;

namespace Baton.Core.Storage;

/// <summary>
/// The whole store contract, in one: sessions and the journal (<see cref="IStore"/>), coordination
/// (<see cref="ICoordinationStore"/>), messages (<see cref="IMessageStore"/>), shared task lists (<see cref="ITaskStore"/>)
/// and the copy of one store into another (<see cref="ICopyableStore"/>).
/// What the CLI, the hooks, the MCP server and the resident server receive; opened by an <see cref="IStoreFactory"/>, never
/// by naming an implementation. Every store (SQLite, and the PostgreSQL team store) implements it and passes the contract
/// suite in <c>tests/Baton.Storage.Contract</c>.
/// Instances are not thread-safe; processes may share a store.
/// </summary>
public interface IBatonStore : IStore, ICoordinationStore, IMessageStore, ITaskStore, ICopyableStore
{
    /// <summary>Releases the connection. (One <c>Dispose</c> for the four contracts it joins.)</summary>
    new void Dispose();
}
