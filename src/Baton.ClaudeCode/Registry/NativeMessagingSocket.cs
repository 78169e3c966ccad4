using System.Net.Sockets;
using System.Text.Json;

namespace Baton.ClaudeCode.Registry;

/// <summary>
/// Claude Code's own cross-session messaging socket (2.1.332: <see cref="NativeSessionFile.MessagingSocketPath"/>, a Unix
/// socket 0600 in a 0700 folder): a JSON line <c>{"type": "user", "message": {"role": "user", "content": "…"}}</c> written
/// to it reaches the session as a user message, and a session idle at its prompt takes a new turn with it (seen with
/// 2.1.332 against the scripted model, after an interrupted turn; see docs/claude-code.md). Nothing is read back.
/// </summary>
public static class NativeMessagingSocket
{
    /// <summary>How long connecting and writing may take: 1 s (claude answers at once; a socket nobody accepts on is
    /// given up).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Writes one user message to a session's messaging socket.</summary>
    /// <param name="socketPath">The socket, from the session's registry entry.</param>
    /// <param name="text">The message's text, as the agent should read it.</param>
    /// <returns>Null when the line was written; else why not (no such socket, refused, timed out), for the log.</returns>
    public static string? Send(string socketPath, string text)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = (int)Timeout.TotalMilliseconds;
            using var connecting = new CancellationTokenSource(Timeout);
            socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), connecting.Token).AsTask().GetAwaiter().GetResult();
            socket.Send(Line(text));
            socket.Shutdown(SocketShutdown.Send);
            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ArgumentException)
        {
            return e.Message;
        }
    }

    /// <summary>The line written for a message: <c>{"type":"user","message":{"role":"user","content":TEXT}}</c> and a newline,
    /// UTF-8.</summary>
    /// <param name="text">The message's text.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Line(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "user");
            writer.WriteStartObject("message");
            writer.WriteString("role", "user");
            writer.WriteString("content", text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }
}
