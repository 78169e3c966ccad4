using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.Hosting;

/// <summary>
/// Answers the lines <see cref="JsonRpcInput"/> refused: its <see cref="JsonRpcInput.RefusalMethod"/> notification becomes
/// the JSON-RPC error it carries, sent to the client through the SDK's transport (so it never interleaves with another
/// answer): <c>{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: …"}}</c>, with the request's id
/// instead of null when it could be read. Every other message passes on.
/// </summary>
internal static class RefusalAnswer
{
    /// <summary>The incoming message filter (register it first, so the refusal reaches nothing else).</summary>
    public static readonly McpMessageFilter Filter = next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcNotification { Method: JsonRpcInput.RefusalMethod, Params: { } refusal })
        {
            await next(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var error = new JsonRpcError
        {
            Id = IdOf(refusal["id"]),
            Error = new JsonRpcErrorDetail
            {
                Code = refusal["code"]?.GetValue<int>() ?? (int)McpErrorCode.InvalidRequest,
                Message = refusal["message"]?.GetValue<string>() ?? "Invalid Request.",
            },
        };
        await context.Server.SendMessageAsync(error, cancellationToken).ConfigureAwait(false);
    };

    private static RequestId IdOf(JsonNode? id) => id?.GetValueKind() switch
    {
        JsonValueKind.String => new RequestId(id.GetValue<string>()),
        JsonValueKind.Number when id.AsValue().TryGetValue<long>(out var number) => new RequestId(number),
        _ => default,
    };
}
