using System.Diagnostics;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>
/// Baton's MCP server on stdio as Claude Code starts it, for a sandbox as one Claude Code session: the real <c>baton mcp</c>
/// (no resident server started behind it), or <c>baton-relay --baton /bin/false mcp</c> opening the session on a real
/// resident server (<c>baton serve</c>, so only the server can answer). Spoken to in raw JSON-RPC lines (<see cref="Rpc"/>);
/// the processes are killed by their pids on dispose if still running.
/// </summary>
internal sealed class BatonMcpProcess : IAsyncDisposable
{
    /// <summary>The session the server acts as.</summary>
    public const string SessionId = "eeeeeeee-5555-4555-8555-000000000005";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private BatonMcpProcess(Process process, ResidentServerProcess? server)
    {
        _process = process;
        Server = server;
        Rpc = new RawJsonRpc(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
    }

    /// <summary>How Claude Code reaches the server.</summary>
    public enum Route
    {
        /// <summary><c>baton mcp</c> itself.</summary>
        BatonMcp,

        /// <summary><c>baton-relay … mcp</c> to the resident server.</summary>
        RelayToServer,
    }

    /// <summary>The resident server on the <see cref="Route.RelayToServer"/> route, else null.</summary>
    public ResidentServerProcess? Server { get; }

    /// <summary>The pids of the processes on the route: <c>baton mcp</c>, or the relay and the resident server.</summary>
    public IEnumerable<int> Pids => Server is null ? [Pid] : [Pid, Server.Pid];

    /// <summary>The server's stdin and stdout.</summary>
    public RawJsonRpc Rpc { get; }

    /// <summary>The server's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the server has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A process's resident memory now (<c>VmRSS</c> in <c>/proc/PID/status</c>), in KiB.</summary>
    public static long ResidentKiB(int pid) =>
        long.Parse(
            File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the server in <paramref name="sandbox"/> on <paramref name="route"/>.</summary>
    public static async Task<BatonMcpProcess> StartAsync(BatonSandbox sandbox, Route route)
    {
        var project = sandbox.CreateDirectory("project");
        var server = route == Route.RelayToServer ? await ResidentServerProcess.StartAsync(sandbox) : null;
        var (command, arguments) = route == Route.RelayToServer
            ? (BatonCli.RelayPath, new[] { "--baton", "/bin/false", "mcp" })
            : (BatonCli.ExecutablePath, ["mcp"]);
        var start = new ProcessStartInfo(command, arguments)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = project,
        };
        ProcessRunner.ApplyEnvironment(start.Environment, new BatonCli(sandbox).Environment());
        start.Environment["CLAUDE_CODE_SESSION_ID"] = SessionId;
        start.Environment["CLAUDE_PROJECT_DIR"] = project;
        start.Environment["BATON_SERVE_AUTOSTART"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        _ = process.StandardError.ReadToEndAsync();
        return new BatonMcpProcess(process, server);
    }

    /// <summary>Closes the server's stdin: the client is gone.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Closes this end of the server's stdout: nobody reads its answers any more.</summary>
    public void CloseOutput() => _process.StandardOutput.Close();

    /// <summary>Waits (within a generous bound) for the process Claude Code started to exit by itself, and for the resident
    /// server, when there is one, to end the session.</summary>
    public async Task WaitForEndAsync(string why)
    {
        await Eventually.Until(() => _process.HasExited, Patience, $"{_process.StartInfo.FileName} (pid {Pid}) exited after {why}");
        if (Server is not null)
        {
            await Eventually.Until(async () => (await Server.StatusAsync())?["mcp_sessions"]?.GetValue<int>() == 0, Patience, $"the server ended the session after {why}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(Patience).ConfigureAwait(false);
        }

        _process.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
