using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;

namespace Baton.Web;

/// <summary>What the web page reads and acts through.</summary>
/// <param name="Home">Baton's home (its <c>config.json</c> keeps the page's token; its settings bound inboxes).</param>
/// <param name="Stores">Opens the store, the same contract the CLI uses.</param>
/// <param name="Changes">The server's one watch of the store, which drives the page's live stream.</param>
/// <param name="Liveness">Judges whether a session's process is gone.</param>
/// <param name="Time">The clock (UTC).</param>
/// <param name="Actions">What needs the host (kill).</param>
public sealed record WebDashboardOptions(
    BatonHome Home,
    IStoreFactory Stores,
    StoreChangeBroadcast Changes,
    ISessionLiveness Liveness,
    TimeProvider Time,
    IPageActions Actions);
