using System.Diagnostics;

namespace Baton.Relay;

/// <summary>One backend of an MCP session: where the client's lines go and the server's come from.</summary>
/// <param name="Output">The server's lines.</param>
/// <param name="Input">Where the client's lines go.</param>
/// <param name="Process">The <c>baton mcp</c> process, when the backend is one; null for the resident server.</param>
internal sealed record McpBackend(Stream Output, Stream Input, Process? Process) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Input.Dispose();
        Output.Dispose();
        if (Process is not null)
        {
            if (!Process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }
}
