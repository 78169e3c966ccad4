using Baton.Core.Coordination;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Mcp.Hosting;

/// <summary>One tool call's view of Baton: its own store, the coordinator and registry over it, and who acts.</summary>
internal sealed class StoreCall
{
    private SessionRegistry? _registry;
    private Coordinator? _coordinator;

    public StoreCall(IBatonStore store, BatonMcpOptions options)
    {
        Store = store;
        Options = options;
    }

    public IBatonStore Store { get; }

    public BatonMcpOptions Options { get; }

    /// <summary>Who acts: the session id, or <c>human</c>.</summary>
    public string Actor => Options.Actor;

    public Coordinator Coordinator => _coordinator ??= new Coordinator(Store, Options.Time);

    public SessionRegistry Registry => _registry ??= new SessionRegistry(Store, Options.Liveness, Options.Time);

    public DateTimeOffset Now => Options.Time.GetUtcNow();
}
