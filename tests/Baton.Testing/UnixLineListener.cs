using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Baton.Testing;

/// <summary>A Unix socket that accepts one connection and reads everything written to it: a stand-in for claude's
/// messaging socket, to see the JSON line Baton writes there.</summary>
public sealed class UnixLineListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task<Socket> _accepted;

    /// <summary>Listens on <paramref name="path"/> (which must not exist yet).</summary>
    /// <param name="path">The socket's path.</param>
    public UnixLineListener(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _socket.Listen(1);
        _accepted = _socket.AcceptAsync();
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Reads the first connection to its end, checks that it was one line ending in a newline, and parses it.</summary>
    /// <returns>The line's JSON.</returns>
    public async Task<JsonDocument> ReceiveLineAsync()
    {
        using var peer = await _accepted;
        await using var stream = new NetworkStream(peer);
        using var reader = new StreamReader(stream);
        var received = await reader.ReadToEndAsync();
        Assert.EndsWith("\n", received, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", received.TrimEnd('\n'), StringComparison.Ordinal);
        return JsonDocument.Parse(received);
    }

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
