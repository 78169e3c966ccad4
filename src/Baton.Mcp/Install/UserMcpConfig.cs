using System.Diagnostics;
using Baton.Core;

namespace Baton.Mcp.Install;

/// <summary>
/// Registers Baton's MCP server in Claude Code's user scope through the <c>claude</c> CLI itself (argument lists, no shell):
/// <c>claude mcp get baton</c> tells whether the user scope already runs the same command; if not, <c>claude mcp remove
/// --scope user baton</c> (when present) and <c>claude mcp add --scope user baton -- &lt;command&gt; &lt;args&gt;</c>.
/// Running it again changes nothing.
/// </summary>
public sealed class UserMcpConfig
{
    /// <summary>The scope name, as <c>claude mcp</c> spells it.</summary>
    public const string Scope = "user";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _claude;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <summary>Creates the installer.</summary>
    /// <param name="claudeExecutable">The <c>claude</c> program, absolute.</param>
    /// <param name="environment">Variables to set (a null value removes one) for <c>claude</c>; null for none.</param>
    public UserMcpConfig(string claudeExecutable, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claudeExecutable);
        _claude = claudeExecutable;
        _environment = environment ?? new Dictionary<string, string?>();
    }

    /// <summary>Makes the user scope start Baton's server with <paramref name="command"/>.</summary>
    /// <param name="command">How to start the server.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="UserErrorException"><c>claude mcp add</c> failed; the message holds its output.</exception>
    public McpConfigChange Install(McpServerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var current = Get();
        if (current is { User: true } && current.Command == command.Command && current.Arguments == string.Join(' ', command.Arguments))
        {
            return new McpConfigChange(Scope, Changed: false, BackupPath: null);
        }

        if (current is { User: true })
        {
            Run(["mcp", "remove", "--scope", Scope, BatonMcpServer.Name], "claude mcp remove");
        }

        Run(["mcp", "add", "--scope", Scope, BatonMcpServer.Name, "--", command.Command, .. command.Arguments], "claude mcp add");
        return new McpConfigChange(Scope, Changed: true, BackupPath: null);
    }

    /// <summary>Removes Baton's server from the user scope.</summary>
    /// <returns>What changed.</returns>
    /// <exception cref="UserErrorException"><c>claude mcp remove</c> failed; the message holds its output.</exception>
    public McpConfigChange Uninstall()
    {
        if (Get() is not { User: true })
        {
            return new McpConfigChange(Scope, Changed: false, BackupPath: null);
        }

        Run(["mcp", "remove", "--scope", Scope, BatonMcpServer.Name], "claude mcp remove");
        return new McpConfigChange(Scope, Changed: true, BackupPath: null);
    }

    /// <summary>What <c>claude mcp get baton</c> shows (it exits non-zero when no scope has the server).</summary>
    private Registration? Get()
    {
        var (exit, output) = Execute(["mcp", "get", BatonMcpServer.Name]);
        if (exit != 0)
        {
            return null;
        }

        string? Field(string name) => output.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();
        return new Registration(
            Field("Scope")?.StartsWith("User", StringComparison.OrdinalIgnoreCase) == true,
            Field("Command"),
            Field("Args") ?? "");
    }

    private void Run(IReadOnlyList<string> args, string what)
    {
        var (exit, output) = Execute(args);
        if (exit != 0)
        {
            throw new UserErrorException($"{what} failed (exit {exit}): {output.Trim()}");
        }
    }

    private (int Exit, string Output) Execute(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(_claude)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new UserErrorException($"Could not start {_claude}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new UserErrorException($"'{_claude} {string.Join(' ', args)}' did not finish within {Timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    private sealed record Registration(bool User, string? Command, string Arguments);
}
