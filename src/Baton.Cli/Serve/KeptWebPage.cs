using Baton.Core.Home;
using Baton.Web;

namespace Baton.Cli.Serve;

/// <summary>
/// The web page on the port kept as <c>web_port</c> in Baton's 0600 <c>config.json</c> (<see cref="BatonSettings.WebPort"/>),
/// how <c>baton serve start</c> and the user service serve it: the first start picks a free port and keeps it, so the
/// page's link stays the same across restarts; a kept port another program took meanwhile is given up for a free one,
/// which is kept instead.
/// </summary>
internal static class KeptWebPage
{
    /// <summary>Starts the page on the kept port, choosing and keeping one when there is none or it is taken.</summary>
    /// <param name="server">The resident server that hosts the page.</param>
    /// <param name="actions">What the page's buttons do.</param>
    /// <param name="home">Baton's home, whose <c>config.json</c> keeps the port.</param>
    /// <param name="log">Where a port given up is logged.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The page, listening.</returns>
    /// <exception cref="IOException">No port could be bound.</exception>
    public static async Task<WebDashboard> StartAsync(ResidentServer server, IPageActions actions, BatonHome home, BatonLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(log);
        if (BatonSettings.Load(home).WebPort is { } kept)
        {
            try
            {
                return await server.StartWebAsync(kept, actions, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                log.Write("serve", $"the page's port {kept} (web_port in {BatonSettings.PathIn(home)}) is taken, so it moves to a free one: {e.Message}");
            }
        }

        var web = await server.StartWebAsync(0, actions, cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = BatonSettings.Load(home); // read again: starting the page may have saved its token
            settings.WebPort = web.Port;
            settings.Save(home);
        }
        catch
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return web;
    }
}
