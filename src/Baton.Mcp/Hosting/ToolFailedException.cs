namespace Baton.Mcp.Hosting;

/// <summary>
/// A tool failed unexpectedly; the cause is in Baton's log. Not an <see cref="ModelContextProtocol.McpException"/>, so the
/// SDK answers the model with its generic error and nothing of the cause leaks.
/// </summary>
internal sealed class ToolFailedException : Exception
{
    public ToolFailedException(string tool)
        : base($"The tool '{tool}' failed; the details are in Baton's log.")
    {
    }

    public ToolFailedException()
    {
    }

    public ToolFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
