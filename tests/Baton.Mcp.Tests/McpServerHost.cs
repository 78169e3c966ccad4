using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Mcp;
using Baton.Mcp.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tests;

/// <summary>
/// Baton's MCP server, hosted in process as <c>baton mcp</c> hosts it (housekeeping included) but on in-memory pipes,
/// with the SDK's real client connected to it, acting as one session over a store in a throwaway Baton home.
/// </summary>
internal sealed class McpServerHost : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private IHost _host = null!;
    private bool _disposed;

    private McpServerHost(BatonMcpOptions options) => Options = options;

    public BatonMcpOptions Options { get; }

    public McpClient Client { get; private set; } = null!;

    public Housekeeping Housekeeping => _host.Services.GetRequiredService<Housekeeping>();

    /// <summary>The server's input, for tests that speak raw JSON-RPC instead of using <see cref="Client"/>.</summary>
    public Stream ServerInput => _toServer.Writer.AsStream();

    /// <summary>The server's output, for tests that speak raw JSON-RPC.</summary>
    public Stream ServerOutput => _toClient.Reader.AsStream();

    public static async Task<McpServerHost> StartAsync(BatonMcpOptions options, bool connect = true)
    {
        var host = new McpServerHost(options);
        var builder = BatonMcpServer.CreateHostBuilder(options);
        builder.Services.AddBatonMcp(options).WithClientStreams(host._toServer.Reader.AsStream(), host._toClient.Writer.AsStream());
        host._host = builder.Build();
        return await host.StartAsync(connect).ConfigureAwait(false);
    }

    public async Task<ToolAnswer> CallAsync(string tool, object? arguments = null)
    {
        var result = await Client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = Arguments(arguments) }).ConfigureAwait(false);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
        return new ToolAnswer(tool, result.IsError == true, text);
    }

    /// <summary>Calls a tool that must succeed and returns its JSON answer.</summary>
    public async Task<JsonNode> CallJsonAsync(string tool, object? arguments = null) => (await CallAsync(tool, arguments).ConfigureAwait(false)).Json();

    /// <summary>Calls a tool that must fail and returns its error text.</summary>
    public async Task<string> CallErrorAsync(string tool, object? arguments = null) => (await CallAsync(tool, arguments).ConfigureAwait(false)).Error();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Client is not null)
        {
            await Client.DisposeAsync().ConfigureAwait(false);
        }

        _toServer.Writer.Complete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        _host.Dispose();
        _toClient.Writer.Complete();
    }

    /// <summary>Arguments as the protocol carries them: a JSON object's properties (an anonymous object's names as given).</summary>
    public static Dictionary<string, JsonElement> Arguments(object? arguments)
    {
        if (arguments is null)
        {
            return [];
        }

        var element = arguments is JsonNode node ? JsonSerializer.SerializeToElement(node) : JsonSerializer.SerializeToElement(arguments, arguments.GetType());
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private async Task<McpServerHost> StartAsync(bool connect)
    {
        await _host.StartAsync().ConfigureAwait(false);
        await Housekeeping.Started.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (connect)
        {
            Client = await McpClient.CreateAsync(new StreamClientTransport(_toServer.Writer.AsStream(), _toClient.Reader.AsStream())).ConfigureAwait(false);
        }

        return this;
    }
}
