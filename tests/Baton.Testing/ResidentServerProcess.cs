using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Baton.Testing;

/// <summary>
/// The real resident server, <c>baton serve</c>, started for a sandbox (its HOME and BATON_HOME) and stopped, by its pid,
/// on dispose. <see cref="StartAsync"/> returns once the server answers <c>baton serve status</c>.
/// </summary>
public sealed class ResidentServerProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly BatonCli _baton;

    private ResidentServerProcess(Process process, BatonCli baton)
    {
        _process = process;
        _baton = baton;
    }

    /// <summary>The server's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the server process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>baton serve</c> in the sandbox and waits until it answers.</summary>
    public static async Task<ResidentServerProcess> StartAsync(BatonSandbox sandbox, params string[] extraArguments)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var baton = new BatonCli(sandbox);
        var start = new ProcessStartInfo(BatonCli.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = sandbox.Root,
        };
        foreach (var argument in (string[])["serve", .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        ProcessRunner.ApplyEnvironment(start.Environment, baton.Environment());
        var process = Process.Start(start) ?? throw new InvalidOperationException("baton serve did not start");
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new ResidentServerProcess(process, baton);
        await Eventually.Until(async () => process.HasExited || (await server.StatusAsync()) is not null, Patience, "baton serve answers its status").ConfigureAwait(false);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"baton serve exited with {process.ExitCode} before answering");
        }

        return server;
    }

    /// <summary>Starts <c>baton serve</c> in the sandbox and waits until it answers (for a test's constructor).</summary>
    public static ResidentServerProcess Start(BatonSandbox sandbox) => StartAsync(sandbox).GetAwaiter().GetResult();

    /// <summary>What <c>baton serve status --json</c> says, or null when no server answers.</summary>
    public async Task<JsonNode?> StatusAsync()
    {
        var status = await _baton.RunAsync("serve", "status", "--json").ConfigureAwait(false);
        return status.ExitCode == 0 ? JsonNode.Parse(status.StdOut) : null;
    }

    /// <summary>Waits for the server to exit by itself.</summary>
    public Task WaitForExitAsync() => _process.WaitForExitAsync().WaitAsync(Patience);

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

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
