using System.Diagnostics;
using System.Net.Sockets;
using Baton.Core.Home;
using Baton.Core.Machine;
using Baton.Core.Relay;

namespace Baton.Relay;

/// <summary>
/// <c>baton-relay</c>: what Claude Code's hooks run. It reads the hook input from stdin, sends it with what the hook process
/// knows (<see cref="RelayRequest"/>) to the resident server on <see cref="BatonHome.ServerSocketPath"/>, and prints the
/// server's answer and exits with its code, as <c>baton hook</c> would have. When no server answers (none runs, or it
/// stopped without answering) it starts one in the background (unless <c>BATON_SERVE_AUTOSTART=0</c>, and at most once per
/// <see cref="StartInterval"/>) and records this call itself through <c>baton hook</c>, so no event is lost. A hook call
/// the server has not answered within <see cref="Budget"/> ends with exit 0 and nothing printed (the server still records
/// it); a wake hook's call waits as long as the server keeps it. <c>BATON_DISABLE=1</c> makes it a no-op. Failures go to
/// Baton's log, never to Claude Code: it always exits 0, except 2 from a wake hook that wakes its session.
/// </summary>
internal static class HookRelay
{
    /// <summary>How long a hook call waits for the server's answer (the same budget as <c>baton hook</c>).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>The least time between two attempts of this home's relays to start a server.</summary>
    public static readonly TimeSpan StartInterval = TimeSpan.FromSeconds(10);

    /// <summary>The idle time after which a server a relay started stops by itself, in seconds.</summary>
    public const int StartedServerIdleSeconds = 1800;

    private const string WakeOption = "--wake";

    /// <summary>Runs the relay.</summary>
    /// <param name="args">The command line (<see cref="RelayCommandLine"/>).</param>
    /// <returns>The exit code for Claude Code.</returns>
    public static int Run(string[] args)
    {
        if (Environment.GetEnvironmentVariable("BATON_DISABLE") == "1")
        {
            return 0;
        }

        var home = BatonHome.FromEnvironment();
        var log = new BatonLog(home);
        if (RelayCommandLine.Parse(args) is not { } line)
        {
            log.Write("relay", "usage: baton-relay --baton <baton command> hook <Event> [--wake]");
            return 0;
        }

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

        var request = new RelayRequest
        {
            EventName = line.EventName,
            Option = line.Option,
            HookStart = ProcessTable.CurrentProcessStart(),
            ParentPid = ProcessTable.ParentOf(Environment.ProcessId),
            Variables = RelayRequest.VariablesOfCurrentProcess(),
        };
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

        StartServer(line, home, log);
        return RecordDirectly(line, input, log, area);
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

    /// <summary>Starts a detached server with the same baton, unless one was started lately or autostart is off.</summary>
    private static void StartServer(RelayCommandLine line, BatonHome home, BatonLog log)
    {
        if (Environment.GetEnvironmentVariable("BATON_SERVE_AUTOSTART") == "0")
        {
            return;
        }

        var marker = Path.Combine(home.Root, "serve.started");
        try
        {
            if (File.Exists(marker) && DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) < StartInterval)
            {
                return;
            }

            home.EnsureCreated();
            File.WriteAllBytes(marker, []);
            BatonHome.MakePrivate(marker);
            var start = new ProcessStartInfo(line.Baton[0])
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = home.Root,
            };
            foreach (var argument in line.Baton.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in (string[])["serve", "--detach", "--idle-exit", StartedServerIdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                start.ArgumentList.Add(argument);
            }

            using var server = Process.Start(start);
            server?.StandardInput.Close();
            server?.StandardOutput.Close();
            server?.StandardError.Close();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            log.Write("relay", $"could not start the Baton server: {e.Message}");
        }
    }

    /// <summary>Runs <c>baton hook</c> for the call, handing it the input; its stdout and stderr are this process's.</summary>
    private static int RecordDirectly(RelayCommandLine line, byte[] input, BatonLog log, string area)
    {
        try
        {
            var start = new ProcessStartInfo(line.Baton[0]) { UseShellExecute = false, RedirectStandardInput = true };
            foreach (var argument in line.HookArguments())
            {
                start.ArgumentList.Add(argument);
            }

            using var hook = Process.Start(start) ?? throw new IOException($"could not start {line.Baton[0]}");
            try
            {
                hook.StandardInput.BaseStream.Write(input);
                hook.StandardInput.Close();
            }
            catch (IOException)
            {
                // The hook ended before reading its input; its exit code still tells.
            }

            hook.WaitForExit();
            return hook.ExitCode;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            log.Write(area, $"could not record the event: {e.Message}");
            return 0;
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
