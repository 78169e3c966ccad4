using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Core.Home;

namespace Baton.Cli.Serve;

/// <summary>
/// What the resident server says about itself: written to <see cref="BatonHome.ServerInfoPath"/> (0600) when it starts
/// listening, and answered (with the counters filled in) to a <see cref="Core.Relay.RelayRequest.StatusKind"/> request.
/// JSON, snake_case: <c>{"pid": 4242, "socket": "/home/u/.baton/baton.sock", "started_at": "2026-12-04T17:40:00.000Z",
/// "version": "0.1.0", "http_port": 27431, "web_port": 8421, "hooks": 120, "http_hooks": 96, "hook_ms_mean": 1.4, "hook_ms_max": 9.8, "waiting_wakes": 2, "mcp_sessions": 3}</c>.
/// </summary>
internal sealed record ServerInfo
{
    /// <summary>The server's process id.</summary>
    [JsonPropertyName("pid")]
    public required int Pid { get; init; }

    /// <summary>The Unix socket it listens on.</summary>
    [JsonPropertyName("socket")]
    public required string Socket { get; init; }

    /// <summary>When it started, UTC.</summary>
    [JsonPropertyName("started_at")]
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The Baton version it runs.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The loopback TCP port it takes Claude Code's HTTP hooks on (<see cref="Core.Home.LoopbackEndpoint"/>); null when it does not listen for them.</summary>
    [JsonPropertyName("http_port")]
    public int? HttpPort { get; init; }

    /// <summary>The loopback TCP port of its web page (<c>baton serve --port</c>); null when it serves none.</summary>
    [JsonPropertyName("web_port")]
    public int? WebPort { get; init; }

    /// <summary>Hook calls answered since it started (wake hooks not counted).</summary>
    [JsonPropertyName("hooks")]
    public long Hooks { get; init; }

    /// <summary>Of <see cref="Hooks"/>, those that came as Claude Code HTTP hooks (the rest were relayed).</summary>
    [JsonPropertyName("http_hooks")]
    public long HttpHooks { get; init; }

    /// <summary>The mean time from reading a hook call to answering it, in ms; null before the first.</summary>
    [JsonPropertyName("hook_ms_mean")]
    public double? HookMsMean { get; init; }

    /// <summary>The longest such time, in ms; null before the first.</summary>
    [JsonPropertyName("hook_ms_max")]
    public double? HookMsMax { get; init; }

    /// <summary>Wake hooks waiting at an idle prompt now.</summary>
    [JsonPropertyName("waiting_wakes")]
    public int WaitingWakes { get; init; }

    /// <summary>MCP sessions it serves now.</summary>
    [JsonPropertyName("mcp_sessions")]
    public int McpSessions { get; init; }

    /// <summary>Reads the file a running server wrote.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>What it says, or null when there is no readable file.</returns>
    public static ServerInfo? Read(BatonHome home)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(home.ServerInfoPath), ServeJsonContext.Default.ServerInfo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>One line for people: pid, socket, HTTP port, start, hook calls answered and how fast, waiting wake hooks.</summary>
    public string Summary()
    {
        var http = HttpPort is { } port ? $"HTTP hooks on 127.0.0.1:{port}" : "not listening for HTTP hooks (see baton.log)";
        var speed = HookMsMean is { } mean
            ? $"{Hooks} hook calls answered ({HttpHooks} as HTTP hooks) in {mean:0.0} ms on average (longest {HookMsMax:0.0} ms)"
            : "no hook call answered yet";
        var web = WebPort is { } page ? $", its page at http://127.0.0.1:{page}/" : "";
        return $"pid {Pid} on {Socket}, {http}{web}, since {StartedAt:yyyy-MM-ddTHH:mm:ssZ}; {speed}; {WaitingWakes} wake hook(s) waiting";
    }
}
