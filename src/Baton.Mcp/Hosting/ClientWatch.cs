using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Hosting;

/// <summary>
/// Stops the server's host when its client is gone: the transport read the end of the input (stdin closed, the relay's
/// connection closed) or <see cref="ClientOutput.Broken"/>. The SDK alone does not stop then while a request is still being
/// handled: its session waits for every handler, and a <c>subscriptions/listen</c> request (which Claude Code sends) ends
/// only when cancelled, so <c>baton mcp</c> lived on after <c>claude mcp get</c> with no client at all. Stopping the host
/// cancels those handlers.
/// </summary>
/// <param name="transport">The session's transport.</param>
/// <param name="output">The server's output, when it is one that notices a gone reader.</param>
/// <param name="lifetime">The host to stop.</param>
internal sealed class ClientWatch(ITransport transport, ClientOutput? output, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gone = output is null ? transport.MessageReader.Completion : Task.WhenAny(transport.MessageReader.Completion, output.Broken);
        await Task.WhenAny(gone, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }
    }
}
