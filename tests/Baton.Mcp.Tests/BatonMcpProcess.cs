using System.Diagnostics;
using Baton.Testing;

namespace Baton.Mcp.Tests;

/// <summary>
/// The real <c>baton mcp</c> on stdio, started for a sandbox as one Claude Code session (no resident server started
/// behind it), spoken to in raw JSON-RPC lines (<see cref="Rpc"/>), and killed by its pid on dispose if still running.
/// </summary>
internal sealed class BatonMcpProcess : IAsyncDisposable
{
    /// <summary>The session the server acts as.</summary>
    public const string SessionId = "eeeeeeee-5555-4555-8555-000000000005";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private BatonMcpProcess(Process process)
    {
        _process = process;
        Rpc = new RawJsonRpc(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
    }

    /// <summary>The server's stdin and stdout.</summary>
    public RawJsonRpc Rpc { get; }

    /// <summary>The server's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the server has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The server's resident memory now (<c>VmRSS</c> in <c>/proc/PID/status</c>), in KiB.</summary>
    public long ResidentKiB =>
        long.Parse(
            File.ReadLines($"/proc/{Pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts <c>baton mcp</c> in <paramref name="sandbox"/>.</summary>
    public static BatonMcpProcess Start(BatonSandbox sandbox)
    {
        var project = sandbox.CreateDirectory("project");
        var start = new ProcessStartInfo(BatonCli.ExecutablePath, ["mcp"])
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
        var process = Process.Start(start) ?? throw new InvalidOperationException("baton mcp did not start");
        _ = process.StandardError.ReadToEndAsync();
        return new BatonMcpProcess(process);
    }

    /// <summary>Closes the server's stdin: the client is gone.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Closes this end of the server's stdout: nobody reads its answers any more.</summary>
    public void CloseOutput() => _process.StandardOutput.Close();

    /// <summary>Waits (within a generous bound) for the server to exit by itself.</summary>
    public Task WaitForExitAsync(string why) =>
        Eventually.Until(() => _process.HasExited, Patience, $"baton mcp (pid {Pid}) exited after {why}");

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(Patience).ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
