using Baton.Core;
using Baton.Platform.Programs;

namespace Baton.Mcp.Install;

/// <summary>
/// Registers Baton's MCP server in Claude Code's user scope through the <c>claude</c> CLI itself (argument lists, no shell).
/// Whether the user scope already runs the same command is read from <c>~/.claude.json</c> (<see cref="McpRegistration"/>,
/// no <c>claude</c> started, no human-readable output scraped); if not, <c>claude mcp remove --scope user baton</c> (when
/// present) and <c>claude mcp add --scope user baton -- &lt;command&gt; &lt;args&gt;</c>. Running it again changes nothing.
/// </summary>
public sealed class UserMcpConfig
{
    /// <summary>The scope name, as <c>claude mcp</c> spells it.</summary>
    public const string Scope = "user";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _claude;
    private readonly string _userHome;

    /// <summary>Creates the installer.</summary>
    /// <param name="claudeExecutable">The <c>claude</c> program, absolute.</param>
    /// <param name="userHome">The user's home folder, where Claude Code keeps <c>.claude.json</c>.</param>
    public UserMcpConfig(string claudeExecutable, string userHome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claudeExecutable);
        ArgumentException.ThrowIfNullOrWhiteSpace(userHome);
        _claude = claudeExecutable;
        _userHome = userHome;
    }

    /// <summary>Makes the user scope start Baton's server with <paramref name="command"/>.</summary>
    /// <param name="command">How to start the server.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="UserErrorException"><c>claude mcp add</c> failed; the message holds its output.</exception>
    public McpConfigChange Install(McpServerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var current = McpRegistration.Find(_userHome, projectDirectory: null);
        if (current is not null && current.Command == command.Command && current.Arguments.SequenceEqual(command.Arguments, StringComparer.Ordinal))
        {
            return new McpConfigChange(Scope, Changed: false, BackupPath: null);
        }

        if (current is not null)
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
        if (McpRegistration.Find(_userHome, projectDirectory: null) is null)
        {
            return new McpConfigChange(Scope, Changed: false, BackupPath: null);
        }

        Run(["mcp", "remove", "--scope", Scope, BatonMcpServer.Name], "claude mcp remove");
        return new McpConfigChange(Scope, Changed: true, BackupPath: null);
    }

    private void Run(IReadOnlyList<string> args, string what)
    {
        var run = ProgramRun.Run(_claude, args, Timeout);
        if (run.TimedOut)
        {
            throw new UserErrorException($"'{_claude} {string.Join(' ', args)}' did not finish within {Timeout.TotalSeconds:0} s.");
        }

        if (!run.Succeeded)
        {
            throw new UserErrorException($"{what} failed ({(run.NotStarted ? "did not start" : $"exit {run.ExitCode}")}): {(run.StandardOutput + run.StandardError).Trim()}");
        }
    }
}
