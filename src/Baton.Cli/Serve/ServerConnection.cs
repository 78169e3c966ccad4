using System.Net.Sockets;
using System.Text.Json;
using Baton.Core.Home;
using Baton.Core.Relay;

namespace Baton.Cli.Serve;

/// <summary>Asks the resident server of a home how it is, over its socket (<see cref="RelayRequest.StatusKind"/>).</summary>
internal static class ServerConnection
{
    /// <summary>The running server's status, or null when none answers on the home's socket within <paramref name="timeout"/>.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <returns>What the server said about itself, with its counters; null when no server answered.</returns>
    public static ServerInfo? Status(BatonHome home, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (!File.Exists(home.ServerSocketPath))
        {
            return null;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            socket.Connect(ResidentServer.EndPointOf(home));
            using var stream = new BufferedStream(new NetworkStream(socket, ownsSocket: false));
            RelayProtocol.WriteRequest(stream, new RelayRequest { Kind = RelayRequest.StatusKind, EventName = "status" }, []);
            return RelayProtocol.ReadResponse(stream)?.Stdout is { } json
                ? JsonSerializer.Deserialize(json, ServeJsonContext.Default.ServerInfo)
                : null;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or JsonException)
        {
            return null;
        }
    }
}
