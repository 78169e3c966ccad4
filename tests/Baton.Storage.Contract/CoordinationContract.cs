using Baton.Core.Coordination;

namespace Baton.Storage.Contract;

/// <summary>
/// The suite every <see cref="ICoordinationStore"/> passes, through the <see cref="Core.Coordination.Coordinator"/> as the MCP
/// server and the command line use it. A derived class gives a fresh empty store per test on a clock the test moves (the
/// store judges expiry by it) and a second instance on the same store; the store also implements <see cref="Core.Storage.IStore"/>.
/// </summary>
public abstract partial class CoordinationContract : JournaledStoreContract<ICoordinationStore>
{
    private Coordinator? _coordinator;

    /// <summary>A coordinator over <see cref="JournaledStoreContract{TStore}.Store"/>.</summary>
    protected Coordinator Coordinator => _coordinator ??= new Coordinator(Store, Clock);
}
