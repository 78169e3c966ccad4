using System.Net.Sockets;
using System.Text.Json;

namespace Baton.ClaudeCode.Registry;

/// <summary>
/// Claude Code's own cross-session messaging socket (2.1.332: <see cref="NativeSessionFile.MessagingSocketPath"/>, a Unix
/// socket 0600 in a 0700 folder). Each connection carries JSON lines; nothing is read back. Two kinds are written (seen
/// with 2.1.332 against the scripted model, see docs/claude-code.md):
/// <list type="bullet">
/// <item><c>{"type": "user", "session_id": ID, "message": {"role": "user", "content": TEXT}}</c> reaches the session as a
/// user message; a session idle at its prompt takes a new turn with it.</item>
/// <item><c>{"type": "control", "action": "rename", "session_id": ID, "name": NAME}</c> renames an interactive session
/// (as <c>/rename</c> would; its registry entry then names it NAME).</item>
/// </list>
/// Claude drops a line whose <c>session_id</c> is not its own, so a socket path reused by another session never delivers
/// to the wrong one.
/// </summary>
public static class NativeMessagingSocket
{
    /// <summary>How long connecting and writing may take: 1 s (claude answers at once; a socket nobody accepts on is
    /// given up).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Writes one user message to a session's messaging socket.</summary>
    /// <param name="socketPath">The socket, from the session's registry entry.</param>
    /// <param name="sessionId">The session the socket should be of (claude drops the line otherwise).</param>
    /// <param name="text">The message's text, as the agent should read it.</param>
    /// <returns>Null when the line was written; else why not (no such socket, refused, timed out), for the log.</returns>
    public static string? Send(string socketPath, string sessionId, string text) => Write(socketPath, UserLine(sessionId, text));

    /// <summary>Asks a session to take another name, through its messaging socket.</summary>
    /// <param name="socketPath">The socket, from the session's registry entry.</param>
    /// <param name="sessionId">The session the socket should be of (claude drops the line otherwise).</param>
    /// <param name="name">The new name.</param>
    /// <returns>Null when the line was written; else why not, for the log or the person.</returns>
    public static string? Rename(string socketPath, string sessionId, string name) => Write(socketPath, RenameLine(sessionId, name));

    /// <summary>The line written for a message, UTF-8 with a newline.</summary>
    /// <param name="sessionId">The receiving session's id.</param>
    /// <param name="text">The message's text.</param>
    /// <returns>The bytes.</returns>
    public static byte[] UserLine(string sessionId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Line(sessionId, "user", writer =>
        {
            writer.WriteStartObject("message");
            writer.WriteString("role", "user");
            writer.WriteString("content", text);
            writer.WriteEndObject();
        });
    }

    /// <summary>The line written for a rename, UTF-8 with a newline.</summary>
    /// <param name="sessionId">The renamed session's id.</param>
    /// <param name="name">The new name.</param>
    /// <returns>The bytes.</returns>
    public static byte[] RenameLine(string sessionId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Line(sessionId, "control", writer =>
        {
            writer.WriteString("action", "rename");
            writer.WriteString("name", name);
        });
    }

    private static byte[] Line(string sessionId, string type, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("session_id", sessionId);
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.ToArray();
    }

    private static string? Write(string socketPath, byte[] line)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.SendTimeout = (int)Timeout.TotalMilliseconds;
            using var connecting = new CancellationTokenSource(Timeout);
            socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), connecting.Token).AsTask().GetAwaiter().GetResult();
            socket.Send(line);
            socket.Shutdown(SocketShutdown.Send);
            return null;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ArgumentException)
        {
            return e.Message;
        }
    }
}
