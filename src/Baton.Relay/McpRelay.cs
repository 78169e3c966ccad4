using System.Diagnostics;
using System.Net.Sockets;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Platform.Processes;

namespace Baton.Relay;

/// <summary>
/// <c>baton-relay --baton &lt;baton command…&gt; mcp</c>: Baton's MCP server as Claude Code starts it (a stdio server), served by
/// the resident server. It opens an MCP session on the server's socket (<see cref="RelayRequest.McpKind"/>, with the session
/// id, project folder and claude's pid the server acts for) and passes the stdio stream (newline-delimited JSON-RPC) both
/// ways. When no server answers it starts one and runs <c>baton mcp</c> behind the same pipes instead
/// (<see cref="BatonFallback"/>). When the server goes away mid-session (stopped, restarted by an upgrade) the relay opens
/// the session again, on a server or a <c>baton mcp</c> of its own, and replays the client's <c>initialize</c> request
/// (dropping its answer) and <c>notifications/initialized</c>, so Claude Code keeps its tools; a request in flight at that
/// moment gets no answer (the client's time-out ends it). The relay ends when stdin ends.
/// </summary>
internal static class McpRelay
{
    private static readonly TimeSpan ConnectBudget = TimeSpan.FromSeconds(5);

    /// <summary>Relays one MCP session until Claude Code closes stdin.</summary>
    /// <param name="line">The command line.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <returns>0.</returns>
    public static int Run(RelayCommandLine line, BatonHome home, BatonLog log)
    {
        var request = CurrentProcessCall.Request(RelayCommandLine.McpVerb, kind: RelayRequest.McpKind);
        using var session = new McpSession(() => Connect(line, home, request, log));
        using var stdin = new BufferedStream(Console.OpenStandardInput(), 64 * 1024);
        using var stdout = Console.OpenStandardOutput();
        session.Run(stdin, stdout);
        return 0;
    }

    /// <summary>A backend for the session: the server's socket, else a <c>baton mcp</c> of its own.</summary>
    private static McpBackend Connect(RelayCommandLine line, BatonHome home, RelayRequest request, BatonLog log)
    {
        try
        {
            if (OpenOnServer(home, request) is { } server)
            {
                return server;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            if (e is not SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused })
            {
                log.Write("relay mcp", $"the server failed ({e.GetType().Name}: {e.Message}); running baton mcp");
            }
        }

        BatonFallback.StartServer(line, home, log);
        var start = new ProcessStartInfo(line.Baton[0]) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in line.BatonArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new IOException($"could not start {line.Baton[0]}");
        return new McpBackend(new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024), process.StandardInput.BaseStream, process);
    }

    /// <summary>Opens the session on the server: null when no server runs, or it closed before saying it is ready.</summary>
    private static McpBackend? OpenOnServer(BatonHome home, RelayRequest request)
    {
        if (!File.Exists(home.ServerSocketPath))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(home.ServerSocketPath));
            socket.ReceiveTimeout = (int)ConnectBudget.TotalMilliseconds;
            var reader = new BufferedStream(new NetworkStream(socket, ownsSocket: false), 64 * 1024);
            RelayProtocol.WriteRequest(reader, request, []);
            if (RelayProtocol.ReadResponse(reader) is null)
            {
                reader.Dispose();
                socket.Dispose();
                return null;
            }

            socket.ReceiveTimeout = 0;
            return new McpBackend(reader, new NetworkStream(socket, ownsSocket: true), null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
