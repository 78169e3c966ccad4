namespace Baton.Mcp.Hosting;

/// <summary>
/// The MCP server's output (stdout, or the connection to <c>baton-relay</c>), noticing when the client stopped reading: a
/// write or flush that fails (a pipe with no reader left, a closed socket) completes <see cref="Broken"/>, so
/// <see cref="ClientWatch"/> ends the server instead of leaving it waiting for input nobody will answer. The failure still
/// reaches the writer (the SDK's transport).
/// </summary>
internal sealed class ClientOutput : Stream
{
    private readonly Stream _inner;
    private readonly TaskCompletionSource _broken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wraps <paramref name="inner"/>, which this stream owns.</summary>
    /// <param name="inner">Where the server's answers go.</param>
    public ClientOutput(Stream inner) => _inner = inner;

    /// <summary>Completes when a write or flush failed: the client is gone.</summary>
    public Task Broken => _broken.Task;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        WatchAsync(() => _inner.WriteAsync(buffer, cancellationToken));

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        WatchAsync(() => new ValueTask(_inner.FlushAsync(cancellationToken))).AsTask();

    /// <inheritdoc/>
    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Runs a write or flush, completing <see cref="Broken"/> when it fails because nobody reads any more.</summary>
    private async ValueTask WatchAsync(Func<ValueTask> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _broken.TrySetResult();
            throw;
        }
    }
}
