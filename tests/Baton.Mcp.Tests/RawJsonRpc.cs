using System.Text;
using System.Text.Json.Nodes;

namespace Baton.Mcp.Tests;

/// <summary>JSON-RPC lines written straight to a server, for what the SDK's client would never send, and its answers read
/// back one line at a time.</summary>
/// <param name="input">The server's input.</param>
/// <param name="output">The server's output.</param>
internal sealed class RawJsonRpc(Stream input, Stream output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly StreamReader _reader = new(output, Encoding.UTF8);

    /// <summary>The <c>initialize</c> request (id 1) and <c>notifications/initialized</c>.</summary>
    public async Task InitializeAsync()
    {
        await RequestAsync(1, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }

    /// <summary>Sends a request line and returns the answer with its id (other messages are skipped).</summary>
    public async Task<JsonNode> RequestAsync(int id, string line)
    {
        await SendAsync(line);
        return await AnswerAsync(JsonValue.Create(id));
    }

    /// <summary>Calls a tool with arguments given as a JSON object's text.</summary>
    public Task<JsonNode> CallAsync(int id, string tool, string arguments) =>
        RequestAsync(id, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{"name":"{{tool}}","arguments":""" + arguments + "}}");

    /// <summary>The next answer whose id is <paramref name="id"/> (null for an answer to a line that could not be read).</summary>
    public async Task<JsonNode> AnswerAsync(JsonNode? id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var text = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The server closed its output.");
            var message = JsonNode.Parse(text)!;
            if (message.AsObject().TryGetPropertyValue("id", out var got) && JsonNode.DeepEquals(got, id))
            {
                return message;
            }
        }
    }

    /// <summary>Writes one line.</summary>
    public async Task SendAsync(string line)
    {
        await input.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await input.FlushAsync();
    }

    /// <summary>Writes one line of <paramref name="length"/> bytes without holding it: <paramref name="head"/>, then 'x'
    /// up to the length, then <paramref name="tail"/> and the line break, in 1 MiB pieces.</summary>
    public async Task SendLongAsync(string head, long length, string tail)
    {
        var start = Encoding.UTF8.GetBytes(head);
        var end = Encoding.UTF8.GetBytes(tail + "\n");
        await input.WriteAsync(start);
        var piece = new byte[1024 * 1024];
        Array.Fill(piece, (byte)'x');
        for (var left = length - start.Length - end.Length + 1; left > 0; left -= piece.Length)
        {
            await input.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)));
        }

        await input.WriteAsync(end);
        await input.FlushAsync();
    }
}
