using System.Text.Json;

namespace Baton.Core.Relay;

/// <summary>
/// The framing between <c>baton-relay</c> and the resident server on its Unix socket: the client writes one
/// <see cref="RelayRequest"/> as a JSON line, then <see cref="RelayRequest.InputLength"/> bytes of hook input; the server
/// answers with one <see cref="RelayResponse"/> JSON line and closes the connection. A connection carries one call.
/// </summary>
public static class RelayProtocol
{
    /// <summary>The longest request or response line, in bytes (16 MiB: a response carries at most a hook's output).</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>The most hook input bytes a request may announce (8 MiB; the handler itself refuses input over its own limit).</summary>
    public const int MaxInputBytes = 8 * 1024 * 1024;

    /// <summary>Writes a request and its hook input.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="request">The request; its <see cref="RelayRequest.InputLength"/> is set from <paramref name="input"/>.</param>
    /// <param name="input">The hook input bytes.</param>
    /// <exception cref="IOException">The connection failed.</exception>
    public static void WriteRequest(Stream stream, RelayRequest request, ReadOnlySpan<byte> input)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(request);
        WriteLine(stream, JsonSerializer.SerializeToUtf8Bytes(request with { InputLength = input.Length }, RelayJsonContext.Default.RelayRequest));
        stream.Write(input);
        stream.Flush();
    }

    /// <summary>Reads a request and its hook input.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The request and its input.</returns>
    /// <exception cref="InvalidDataException">The request is not a request line of the documented shape, or announces too much input.</exception>
    /// <exception cref="EndOfStreamException">The connection closed early.</exception>
    public static async Task<(RelayRequest Request, byte[] Input)> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var line = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false)
            ?? throw new EndOfStreamException("The relay closed the connection before sending a request.");
        var request = Deserialize(line, RelayJsonContext.Default.RelayRequest);
        if (request.InputLength is < 0 or > MaxInputBytes)
        {
            throw new InvalidDataException($"A relay request announced {request.InputLength} bytes of input; at most {MaxInputBytes} are accepted.");
        }

        var input = new byte[request.InputLength];
        await stream.ReadExactlyAsync(input, cancellationToken).ConfigureAwait(false);
        return (request, input);
    }

    /// <summary>Writes a response, blocking.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="response">The response.</param>
    /// <exception cref="IOException">The connection failed (the relay is gone).</exception>
    public static void WriteResponse(Stream stream, RelayResponse response)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteLine(stream, JsonSerializer.SerializeToUtf8Bytes(response, RelayJsonContext.Default.RelayResponse));
        stream.Flush();
    }

    /// <summary>Reads a response, blocking.</summary>
    /// <param name="stream">The connection (its read time-out bounds the wait).</param>
    /// <returns>The response, or null when the server closed the connection without one.</returns>
    /// <exception cref="InvalidDataException">The line is not a response of the documented shape.</exception>
    /// <exception cref="IOException">The connection failed or timed out.</exception>
    public static RelayResponse? ReadResponse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var line = ReadLineAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        return line is null ? null : Deserialize(line, RelayJsonContext.Default.RelayResponse);
    }

    private static void WriteLine(Stream stream, byte[] json)
    {
        stream.Write(json);
        stream.WriteByte((byte)'\n');
    }

    private static T Deserialize<T>(byte[] line, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(line, type) ?? throw new InvalidDataException("A relay line was JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A relay line is not valid: {e.Message}", e);
        }
    }

    /// <summary>Reads bytes up to a line break, one at a time (so nothing after the line is consumed); null at a clean end.</summary>
    private static async Task<byte[]?> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return line.Length == 0 ? null : throw new EndOfStreamException("A relay line ended without a line break.");
            }

            if (one[0] == (byte)'\n')
            {
                return line.ToArray();
            }

            if (line.Length >= MaxLineBytes)
            {
                throw new InvalidDataException($"A relay line is longer than {MaxLineBytes} bytes.");
            }

            line.WriteByte(one[0]);
        }
    }
}
