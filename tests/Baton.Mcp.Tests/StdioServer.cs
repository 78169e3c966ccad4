using Baton.Testing;
using ModelContextProtocol.Client;

namespace Baton.Mcp.Tests;

/// <summary>Baton's MCP server as Claude Code starts it: a real process on stdio, in a sandbox (its HOME and BATON_HOME),
/// acting as one session.</summary>
internal static class StdioServer
{
    /// <summary>The SDK's stdio client transport for a server command, as <paramref name="sessionId"/> in <paramref name="project"/>.</summary>
    /// <param name="sandbox">The sandbox.</param>
    /// <param name="command">The program: <c>baton</c> or <c>baton-relay</c>.</param>
    /// <param name="arguments">Its arguments, e.g. <c>mcp</c>.</param>
    /// <param name="project">The session's project folder (the working directory).</param>
    /// <param name="sessionId">The session (<c>CLAUDE_CODE_SESSION_ID</c>).</param>
    /// <param name="stderr">Told each line the server writes to stderr, or null.</param>
    /// <returns>The transport.</returns>
    public static StdioClientTransport Transport(BatonSandbox sandbox, string command, string[] arguments, string project, string sessionId, Action<string>? stderr = null) => new(new StdioClientTransportOptions
    {
        Name = "baton",
        Command = command,
        Arguments = arguments,
        WorkingDirectory = project,
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["HOME"] = sandbox.Home,
            ["BATON_HOME"] = sandbox.BatonHome,
            ["CLAUDE_CODE_SESSION_ID"] = sessionId,
            ["CLAUDE_PROJECT_DIR"] = project,
            ["BATON_SERVE_AUTOSTART"] = "0",
        },
        StandardErrorLines = stderr,
    });
}
