using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Baton.Core.Coordination;

namespace Baton.Relay;

/// <summary>
/// The stdio stream of one MCP session, passed to a backend that may be replaced: lines from the client go to the current
/// backend; when its output ends while the client is still there, a new backend is opened and the client's
/// <c>initialize</c> request and <c>notifications/initialized</c> are replayed to it (the answer to the replayed
/// request is dropped).
/// </summary>
internal sealed class McpSession : IDisposable
{
    /// <summary>How many times in a row a backend may end within <see cref="ShortLife"/> before the session gives up.</summary>
    private const int MaxShortLived = 3;

    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(10);

    private readonly Func<McpBackend> _connect;
    private readonly Lock _lock = new();
    private McpBackend? _backend;
    private byte[]? _initialize;
    private byte[]? _initialized;
    private bool _clientGone;

    /// <summary>Creates a session that opens its backends with <paramref name="connect"/>.</summary>
    /// <param name="connect">Opens a backend: the resident server, or a <c>baton mcp</c> process.</param>
    public McpSession(Func<McpBackend> connect) => _connect = connect;

    /// <summary>Runs the session until the client closes <paramref name="stdin"/>, or backends keep ending at once
    /// (<see cref="MaxShortLived"/> in a row).</summary>
    /// <param name="stdin">The client's lines (buffered).</param>
    /// <param name="stdout">Where the server's lines go.</param>
    public void Run(Stream stdin, Stream stdout)
    {
        McpBackend backend;
        lock (_lock)
        {
            backend = _backend = _connect();
        }

        var fromClient = new Thread(() => ForwardClient(stdin)) { IsBackground = true };
        fromClient.Start();
        var shortLived = 0;
        while (true)
        {
            var opened = Stopwatch.StartNew();
            try
            {
                backend.Output.CopyTo(stdout);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The backend went away.
            }

            shortLived = opened.Elapsed < ShortLife ? shortLived + 1 : 0;
            lock (_lock)
            {
                _backend?.Dispose();
                _backend = null;
                if (_clientGone || shortLived >= MaxShortLived)
                {
                    return;
                }

                try
                {
                    backend = _backend = Reopen();
                }
                catch (Exception e) when (e is IOException or SocketException or System.ComponentModel.Win32Exception or InvalidDataException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _backend?.Dispose();
            _backend = null;
        }
    }

    /// <summary>A new backend, brought to where the client believes the session is: initialized.</summary>
    private McpBackend Reopen()
    {
        var backend = _connect();
        if (_initialize is not null)
        {
            Write(backend, _initialize);
            _ = ReadLine(backend.Output);
        }

        if (_initialized is not null)
        {
            Write(backend, _initialized);
        }

        return backend;
    }

    /// <summary>Passes the client's lines on. A line longer than <see cref="CoordinationLimits.MaxRequestBytes"/> is passed in
    /// pieces as it arrives, never held whole (the server refuses it and answers the next one).</summary>
    private void ForwardClient(Stream stdin)
    {
        while (ReadLine(stdin, CoordinationLimits.MaxRequestBytes) is { } line)
        {
            lock (_lock)
            {
                var whole = line.Length <= CoordinationLimits.MaxRequestBytes;
                if (whole)
                {
                    Remember(line);
                }

                try
                {
                    if (_backend is { } backend)
                    {
                        if (whole)
                        {
                            Write(backend, line);
                        }
                        else
                        {
                            backend.Input.Write(line);
                            PassRestOfLine(stdin, backend.Input);
                            backend.Input.WriteByte((byte)'\n');
                            backend.Input.Flush();
                        }
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                {
                    // The backend went away; the output side opens a new one (this line is lost with it).
                }
            }
        }

        lock (_lock)
        {
            _clientGone = true;
            _backend?.Dispose();
            _backend = null;
        }
    }

    /// <summary>Keeps the client's <c>initialize</c> request and <c>notifications/initialized</c> for a replay.</summary>
    private void Remember(byte[] line)
    {
        if (_initialize is not null && _initialized is not null)
        {
            return;
        }

        try
        {
            using var message = JsonDocument.Parse(line);
            if (message.RootElement.ValueKind == JsonValueKind.Object
                && message.RootElement.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
            {
                switch (method.GetString())
                {
                    case "initialize":
                        _initialize = line;
                        break;
                    case "notifications/initialized":
                        _initialized = line;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not a message of ours to remember.
        }
    }

    private static void Write(McpBackend backend, byte[] line)
    {
        backend.Input.Write(line);
        backend.Input.WriteByte((byte)'\n');
        backend.Input.Flush();
    }

    /// <summary>One line without its line break, or its first <paramref name="limit"/> + 1 bytes when it is longer (the rest
    /// still to read); null at the end of the stream. <paramref name="limit"/> is unlimited for the server's answers.</summary>
    private static byte[]? ReadLine(Stream stream, int limit = int.MaxValue - 1)
    {
        var line = new MemoryStream();
        int next;
        while ((next = stream.ReadByte()) >= 0)
        {
            if (next == '\n')
            {
                return line.ToArray();
            }

            line.WriteByte((byte)next);
            if (line.Length > limit)
            {
                return line.ToArray();
            }
        }

        return line.Length > 0 ? line.ToArray() : null;
    }

    /// <summary>Copies the rest of a line, without its line break, from <paramref name="stdin"/> to <paramref name="input"/>
    /// in pieces.</summary>
    private static void PassRestOfLine(Stream stdin, Stream input)
    {
        var piece = new byte[64 * 1024];
        var length = 0;
        int next;
        while ((next = stdin.ReadByte()) >= 0 && next != '\n')
        {
            piece[length++] = (byte)next;
            if (length == piece.Length)
            {
                input.Write(piece);
                length = 0;
            }
        }

        input.Write(piece.AsSpan(0, length));
    }
}
