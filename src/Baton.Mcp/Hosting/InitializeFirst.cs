using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Hosting;

/// <summary>
/// Refuses every request but <c>initialize</c> and <c>ping</c> until a protocol version is agreed, by the <c>initialize</c>
/// handshake or (from protocol 2026-07-28 on) by the request's own metadata, which the SDK reads before this filter runs.
/// The SDK would otherwise run a <c>tools/call</c> sent before <c>initialize</c>. The answer is a JSON-RPC error -32600
/// naming what to send first; nothing runs. The SDK handles messages concurrently, so a request sent right behind
/// <c>initialize</c>, without waiting for its answer, may find the session initialized or not.
/// </summary>
internal static class InitializeFirst
{
    /// <summary>The incoming message filter.</summary>
    public static readonly McpMessageFilter Filter = next => (context, cancellationToken) =>
        context.JsonRpcMessage is JsonRpcRequest { Method: not (RequestMethods.Initialize or RequestMethods.Ping) } request
        && context.Server.NegotiatedProtocolVersion is null
            ? throw new McpProtocolException(
                $"Invalid Request: '{request.Method}' was sent before the session was initialized; send 'initialize' (then " +
                "'notifications/initialized') first.",
                McpErrorCode.InvalidRequest)
            : next(context, cancellationToken);
}
