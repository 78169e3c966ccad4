using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Baton.Core.Coordination;

namespace Baton.Mcp.Hosting;

/// <summary>
/// The MCP server's input as the SDK's stream transport reads it (one JSON-RPC message per line), with every line screened
/// first, because the transport reads a whole line into memory before it looks at it and answers nothing to a line that is
/// not JSON. A line longer than <see cref="MaxLineBytes"/> is skipped as it arrives, never held whole (memory stays flat
/// however long it is); a line that is not JSON, or JSON but not an object, is dropped. Either is replaced by a
/// <see cref="RefusalMethod"/> notification that carries the JSON-RPC error to answer (<see cref="RefusalAnswer"/> sends
/// it): <c>{"jsonrpc":"2.0","method":"notifications/baton/refused","params":{"id":7|"a"|null,"code":-32600,"message":"…"}}</c>,
/// with the request's id when it could be read before the fault, else null. Blank lines and good lines pass unchanged.
/// </summary>
internal sealed class JsonRpcInput : Stream
{
    /// <summary>The longest line (message) the server reads, in bytes: <see cref="CoordinationLimits.MaxRequestBytes"/>.</summary>
    public const int MaxLineBytes = CoordinationLimits.MaxRequestBytes;

    /// <summary>The method of the notification that stands for a refused line (see the class summary).</summary>
    public const string RefusalMethod = "notifications/baton/refused";

    private const int InvalidRequest = -32600;
    private const int ParseError = -32700;

    private readonly Stream _inner;
    private readonly PipeReader _reader;
    private ReadOnlyMemory<byte> _line;

    /// <summary>Screens <paramref name="inner"/>, which this stream owns.</summary>
    /// <param name="inner">The client's bytes: stdin, or the resident server's connection from <c>baton-relay</c>.</param>
    public JsonRpcInput(Stream inner)
    {
        _inner = inner;
        _reader = PipeReader.Create(inner, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_line.IsEmpty)
        {
            // Stdin does not honour cancellation while it waits; the wait does, so the transport can stop.
            _line = await NextLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = Math.Min(buffer.Length, _line.Length);
        _line[..count].CopyTo(buffer);
        _line = _line[count..];
        return count;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Not the pipe reader: completing it while the transport's read waits would throw; closing the stream ends that read.
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The next line to hand on, with its line break: the client's own, or a refusal; empty at the end.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> NextLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end && buffer.Slice(0, end).Length <= MaxLineBytes)
            {
                var line = Screen(buffer.Slice(0, end));
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return line;
            }

            if (buffer.Length > MaxLineBytes)
            {
                var id = Scan(buffer.Slice(0, MaxLineBytes), isFinalBlock: false).Id;
                var refusal = Refusal(
                    id,
                    InvalidRequest,
                    $"Request too large: a message may be at most {MaxLineBytes} bytes ({MaxLineBytes / 1024 / 1024} MiB) on one line; this one was skipped.");
                await SkipLineAsync(buffer, cancellationToken).ConfigureAwait(false);
                return refusal;
            }

            if (read.IsCompleted)
            {
                var last = buffer.IsEmpty ? ReadOnlyMemory<byte>.Empty : Screen(buffer);
                _reader.AdvanceTo(buffer.End);
                return last;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Drops the rest of an over-long line, up to and with its line break, as it arrives.</summary>
    private async ValueTask SkipLineAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return;
            }

            _reader.AdvanceTo(buffer.End);
            var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            buffer = read.Buffer;
            if (read.IsCompleted && buffer.PositionOf((byte)'\n') is null)
            {
                _reader.AdvanceTo(buffer.End);
                return;
            }
        }
    }

    /// <summary>The line itself when it is blank or a JSON object, else its refusal.</summary>
    private static ReadOnlyMemory<byte> Screen(ReadOnlySequence<byte> line)
    {
        var blank = true;
        foreach (var segment in line)
        {
            blank &= segment.Span.IndexOfAnyExcept(" \t\r"u8) < 0;
        }

        var scan = blank ? default : Scan(line, isFinalBlock: true);
        if (blank || scan is { Valid: true, IsObject: true })
        {
            var bytes = new byte[line.Length + 1];
            line.CopyTo(bytes);
            bytes[^1] = (byte)'\n';
            return bytes;
        }

        return scan.Valid
            ? Refusal(scan.Id, InvalidRequest, "Invalid Request: a JSON-RPC message must be a JSON object.")
            : Refusal(scan.Id, ParseError, $"Parse error: the line is not valid JSON ({scan.Error}).");
    }

    /// <summary>Reads <paramref name="bytes"/> as JSON: whether it is one valid value (when final), an object, and the
    /// top-level <c>id</c> found before the end or the fault.</summary>
    private static LineScan Scan(ReadOnlySequence<byte> bytes, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(bytes, isFinalBlock, default);
        JsonElement? id = null;
        bool? isObject = null;
        try
        {
            while (reader.Read())
            {
                isObject ??= reader.TokenType == JsonTokenType.StartObject;

                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8))
                {
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                    {
                        id = JsonElement.ParseValue(ref reader);
                    }
                }
            }

            return new LineScan(isFinalBlock, isObject == true, id, null);
        }
        catch (JsonException e)
        {
            return new LineScan(false, isObject == true, id, e.Message);
        }
    }

    /// <summary>The refusal notification for a line, with its line break.</summary>
    private static byte[] Refusal(JsonElement? id, int code, string message)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", RefusalMethod);
            writer.WriteStartObject("params");
            writer.WritePropertyName("id");
            if (id is { } value)
            {
                value.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return [.. output.WrittenSpan, (byte)'\n'];
    }

    /// <summary>What <see cref="Scan"/> found.</summary>
    /// <param name="Valid">One complete JSON value.</param>
    /// <param name="IsObject">It starts as an object.</param>
    /// <param name="Id">The top-level <c>id</c> (a string or number), when read.</param>
    /// <param name="Error">Why it is not JSON, with the byte position.</param>
    private readonly record struct LineScan(bool Valid, bool IsObject, JsonElement? Id, string? Error);
}
