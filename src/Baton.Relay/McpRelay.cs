using System.Net.Sockets;
using Baton.Core.Home;
using Baton.Core.Machine;
using Baton.Core.Relay;

namespace Baton.Relay;

/// <summary>
/// <c>baton-relay --baton &lt;baton command…&gt; mcp</c>: Baton's MCP server as Claude Code starts it (a stdio server), served by
/// the resident server. It opens an MCP session on the server's socket (<see cref="RelayRequest.McpKind"/>, with the session
/// id, project folder and claude's pid the server acts for), then copies stdin to the socket and the socket to stdout until
/// either side ends. When no server answers it starts one and runs <c>baton mcp</c> on its own stdin and stdout instead
/// (<see cref="BatonFallback"/>). If the server goes away mid-session the relay ends, as a stdio server that exits would.
/// </summary>
internal static class McpRelay
{
    private static readonly TimeSpan ConnectBudget = TimeSpan.FromSeconds(5);

    /// <summary>Relays one MCP session.</summary>
    /// <param name="line">The command line.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <returns>0 when the session ended; <c>baton mcp</c>'s exit code when it ran instead.</returns>
    public static int Run(RelayCommandLine line, BatonHome home, BatonLog log)
    {
        var request = new RelayRequest
        {
            Kind = RelayRequest.McpKind,
            EventName = RelayCommandLine.McpVerb,
            HookStart = ProcessTable.CurrentProcessStart(),
            ParentPid = ProcessTable.ParentOf(Environment.ProcessId),
            Variables = RelayRequest.VariablesOfCurrentProcess(),
            WorkingDirectory = Environment.CurrentDirectory,
        };
        try
        {
            if (Open(home, request) is { } session)
            {
                using (session.Socket)
                using (session.Stream)
                {
                    Pump(session.Socket, session.Stream);
                }

                return 0;
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
        return BatonFallback.Run(line, input: null, log, "relay mcp");
    }

    /// <summary>Opens the session: null when no server runs, or it closed before saying it is ready.</summary>
    private static (Socket Socket, BufferedStream Stream)? Open(BatonHome home, RelayRequest request)
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
            var stream = new BufferedStream(new NetworkStream(socket, ownsSocket: false), 64 * 1024);
            RelayProtocol.WriteRequest(stream, request, []);
            if (RelayProtocol.ReadResponse(stream) is null)
            {
                stream.Dispose();
                socket.Dispose();
                return null;
            }

            socket.ReceiveTimeout = 0;
            return (socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Copies stdin to the server and the server's answers to stdout until the server closes the session; the
    /// end of stdin (Claude Code closing it) is passed on, so the server ends the session.</summary>
    private static void Pump(Socket socket, BufferedStream fromServer)
    {
        _ = Task.Run(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                using var network = new NetworkStream(socket, ownsSocket: false);
                stdin.CopyTo(network);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The server ended the session first.
            }
        });
        try
        {
            using var stdout = Console.OpenStandardOutput();
            fromServer.CopyTo(stdout);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // Either side went away: the session is over.
        }
    }
}
