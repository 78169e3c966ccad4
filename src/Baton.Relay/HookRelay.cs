using System.Net.Sockets;
using Baton.Core.Home;
using Baton.Core.Relay;
using Baton.Platform.Processes;

namespace Baton.Relay;

/// <summary>
/// <c>baton-relay</c>: what Claude Code's hooks run. It reads the hook input from stdin, sends it with what the hook process
/// knows (<see cref="RelayRequest"/>) to the resident server on <see cref="BatonHome.ServerSocketPath"/>, and prints the
/// server's answer and exits with its code, as <c>baton hook</c> would have. When no server answers (none runs, or it
/// stopped without answering) it starts one in the background (not for a SessionEnd, a session's last event) and records
/// this call itself through <c>baton hook</c>
/// (<see cref="BatonFallback"/>), so no event is lost. A hook call
/// the server has not answered within <see cref="Budget"/> ends with exit 0 and nothing printed (the server still records
/// it); a wake hook's call waits as long as the server keeps it. <c>BATON_DISABLE=1</c> makes it a no-op. Failures go to
/// Baton's log, never to Claude Code: it always exits 0, except 2 from a wake hook that wakes its session.
/// </summary>
internal static class HookRelay
{
    /// <summary>How long a hook call waits for the server's answer (the same budget as <c>baton hook</c>).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private const string WakeOption = "--wake";

    private const string SessionEnd = "SessionEnd";

    /// <summary>Relays one hook call.</summary>
    /// <param name="line">The command line.</param>
    /// <param name="home">Baton's home.</param>
    /// <param name="log">Baton's log.</param>
    /// <returns>The exit code for Claude Code.</returns>
    public static int Run(RelayCommandLine line, BatonHome home, BatonLog log)
    {
        if (Environment.GetEnvironmentVariable(RelayRequest.DisableVariable) == "1")
        {
            return 0;
        }

        // Claude's pid is read first: an async hook (SessionEnd) outlives its claude, and once claude has exited this
        // process's parent is another.
        var request = CurrentProcessCall.Request(line.EventName, line.Option);
        var area = "relay " + line.EventName;
        byte[] input;
        try
        {
            input = ReadAll(Console.OpenStandardInput());
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            log.Write(area, e.Message);
            return 0;
        }

        var waits = line.Option == WakeOption;
        try
        {
            if (Ask(home, request, input, waits) is { } response)
            {
                Write(Console.OpenStandardOutput(), response.Stdout);
                Write(Console.OpenStandardError(), response.Stderr);
                return response.ExitCode;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            log.Write(area, $"the server did not answer within {Budget.TotalSeconds:0} s; nothing printed");
            return 0;
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or ArgumentException)
        {
            if (e is not SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused })
            {
                log.Write(area, $"the server failed ({e.GetType().Name}: {e.Message}); recording in a process of its own");
            }
        }

        if (line.EventName != SessionEnd)
        {
            // A session's last event starts no server: nothing of that session follows it.
            BatonFallback.StartServer(line, home, log);
        }

        return BatonFallback.Run(line, input, log, area);
    }

    /// <summary>Sends the call to the server and reads its answer; null when there is no server or it closed without one.</summary>
    /// <exception cref="SocketException">The server cannot be reached, or did not answer in time.</exception>
    private static RelayResponse? Ask(BatonHome home, RelayRequest request, byte[] input, bool waits)
    {
        if (!File.Exists(home.ServerSocketPath))
        {
            return null;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(home.ServerSocketPath));
        socket.SendTimeout = (int)Budget.TotalMilliseconds;
        socket.ReceiveTimeout = waits ? 0 : (int)Budget.TotalMilliseconds;
        using var stream = new BufferedStream(new NetworkStream(socket, ownsSocket: false), 64 * 1024);
        RelayProtocol.WriteRequest(stream, request, input);
        try
        {
            return RelayProtocol.ReadResponse(stream);
        }
        catch (IOException e) when (e.InnerException is SocketException socketError)
        {
            throw socketError;
        }
    }

    private static void Write(Stream stream, string? text)
    {
        using (stream)
        {
            if (text is not null)
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(text + "\n"));
            }
        }
    }

    /// <summary>Reads all of stdin, refusing more than <see cref="RelayProtocol.MaxInputBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The input is larger.</exception>
    private static byte[] ReadAll(Stream stdin)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[65536];
        int read;
        while ((read = stdin.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RelayProtocol.MaxInputBytes)
            {
                throw new InvalidDataException($"hook input larger than {RelayProtocol.MaxInputBytes} bytes; not recorded");
            }
        }

        return buffer.ToArray();
    }
}
