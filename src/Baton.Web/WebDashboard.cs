using Baton.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web;

/// <summary>
/// The live web page of <c>baton serve</c>: Kestrel bound to 127.0.0.1 only (never another interface), the sessions,
/// a session's journal, messages and holdings with actions, tasks, locks, queues and events, kept live by server-sent
/// events from the store's change feed. Access needs the per-user token in Baton's 0600 <c>config.json</c>
/// (<c>web_token</c>), given once by the link <see cref="Link"/>, then kept as a cookie.
/// </summary>
public sealed class WebDashboard : IAsyncDisposable
{
    private readonly WebApplication _application;

    private WebDashboard(WebApplication application, int port, string token)
    {
        _application = application;
        Port = port;
        Link = LinkFor(port, token);
    }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The link that opens the page: its address with the token.</summary>
    public Uri Link { get; }

    /// <summary>The link that opens the page served on a port with a token.</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="token">The page's token (<c>web_token</c> in <c>config.json</c>).</param>
    /// <returns>The page's address with the token.</returns>
    public static Uri LinkFor(int port, string token) => new($"http://127.0.0.1:{port}/?token={Uri.EscapeDataString(token)}");

    /// <summary>Starts the page on 127.0.0.1.</summary>
    /// <param name="options">What the page reads and acts through.</param>
    /// <param name="port">The TCP port; 0 picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The page, listening.</returns>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<WebDashboard> StartAsync(WebDashboardOptions options, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var token = WebToken.Ensure(options.Home);
        var application = WebApp.Build(options, token, builder => builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        }));
        try
        {
            await application.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await application.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = application.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebDashboard(application, new Uri(address).Port, token);
    }

    /// <summary>Stops the page; open event streams end.</summary>
    /// <returns>A task that completes when it stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _application.StopAsync(quick.Token).ConfigureAwait(false);
        await _application.DisposeAsync().ConfigureAwait(false);
    }
}
