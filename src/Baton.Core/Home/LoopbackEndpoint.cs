using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Core.Home;

/// <summary>
/// Where the resident server (<c>baton serve</c>) listens for HTTP on this machine, and the secret a caller must show: a
/// TCP port on 127.0.0.1 and a bearer token. Claude Code's HTTP hooks post there (see docs/claude-code.md, "Hooks",
/// <c>"type": "http"</c>). Kept in <see cref="PathIn"/>, a 0600 file of Baton's 0700 home, written once, exclusively, by
/// whichever of <c>baton hooks install</c> and <c>baton serve</c> needs it first:
/// <c>{"port": 27431, "token": "&lt;64 hex digits&gt;"}</c>.
/// </summary>
/// <param name="Port">The TCP port on 127.0.0.1, 1024–65535.</param>
/// <param name="Token">The bearer token: 32 random bytes as 64 lower-case hex digits.</param>
public sealed record LoopbackEndpoint(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("token")] string Token)
{
    /// <summary>The file name in Baton's home: <c>http.json</c>.</summary>
    public const string FileName = "http.json";

    /// <summary>The lowest port picked for a new endpoint; ports from here up to <see cref="HighestPort"/> lie below Linux's
    /// ephemeral range (32768–60999), so an outgoing connection never takes the port while the server is down.</summary>
    public const int LowestPort = 20000;

    /// <summary>The highest port picked for a new endpoint.</summary>
    public const int HighestPort = 32767;

    /// <summary>The address the server binds and callers use: always the IPv4 loopback, never another interface.</summary>
    public static IPAddress Address => IPAddress.Loopback;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:27431</c> (no trailing slash).</summary>
    [JsonIgnore]
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The endpoint file of a home.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns><c>&lt;home&gt;/http.json</c>.</returns>
    public static string PathIn(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Path.Combine(home.Root, FileName);
    }

    /// <summary>Reads the home's endpoint.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>The endpoint, or null when none was made yet (or the file is unreadable or malformed).</returns>
    public static LoopbackEndpoint? Read(BatonHome home)
    {
        try
        {
            var endpoint = JsonSerializer.Deserialize(File.ReadAllBytes(PathIn(home)), LoopbackEndpointJsonContext.Default.LoopbackEndpoint);
            return endpoint is { Port: >= 1024 and <= 65535, Token.Length: 64 } ? endpoint : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the home's endpoint, making one first when there is none: a free port from <see cref="LowestPort"/> to
    /// <see cref="HighestPort"/> and a new token, written to a 0600 file created exclusively (of two racing callers, both
    /// get the one that was written first).</summary>
    /// <param name="home">Baton's home (created 0700 when missing).</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="IOException">The file cannot be written, or a malformed one is in the way.</exception>
    public static LoopbackEndpoint Ensure(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        if (Read(home) is { } existing)
        {
            return existing;
        }

        home.EnsureCreated();
        var created = new LoopbackEndpoint(FreePort(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        var path = PathIn(home);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            JsonSerializer.Serialize(file, created, LoopbackEndpointJsonContext.Default.LoopbackEndpoint);
            file.Flush(flushToDisk: true);
            return created;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(home) ?? throw new IOException($"{path} is not a valid endpoint file; remove it and try again.");
        }
    }

    /// <summary>Whether <paramref name="authorization"/> (an HTTP <c>Authorization</c> header) carries this endpoint's token,
    /// compared in constant time.</summary>
    /// <param name="authorization">The header's value, e.g. <c>Bearer 0a1b…</c>; null when absent.</param>
    /// <returns>True when it is <c>Bearer &lt;token&gt;</c>.</returns>
    public bool Admits(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(authorization[scheme.Length..]),
            System.Text.Encoding.ASCII.GetBytes(Token));
    }

    private static int FreePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = RandomNumberGenerator.GetInt32(LowestPort, HighestPort + 1);
            try
            {
                using var probe = new TcpListener(Address, port);
                probe.Start();
                probe.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new IOException($"No free TCP port on 127.0.0.1 from {LowestPort} to {HighestPort} after 50 tries.");
    }
}
