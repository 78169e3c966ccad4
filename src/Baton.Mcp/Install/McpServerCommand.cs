namespace Baton.Mcp.Install;

/// <summary>How Claude Code starts Baton's MCP server: an absolute executable and its arguments (ending in <c>mcp</c>).</summary>
/// <param name="Command">The absolute path of the program, normally <c>baton</c> (or the dotnet host).</param>
/// <param name="Arguments">Its arguments, for example <c>["mcp"]</c> (or <c>["/abs/baton.dll", "mcp"]</c> under dotnet).</param>
public sealed record McpServerCommand(string Command, IReadOnlyList<string> Arguments)
{
    /// <summary>The verb that runs the server.</summary>
    public const string Verb = "mcp";

    /// <summary>The command for a Baton executable and the arguments that lead to its verbs.</summary>
    /// <param name="executable">The absolute path of the program.</param>
    /// <param name="leadingArguments">Arguments before <c>mcp</c>, for example the path of <c>baton.dll</c>.</param>
    /// <returns>The command.</returns>
    /// <exception cref="ArgumentException">The executable is not an absolute path.</exception>
    public static McpServerCommand For(string executable, IEnumerable<string> leadingArguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        ArgumentNullException.ThrowIfNull(leadingArguments);
        if (!Path.IsPathFullyQualified(executable))
        {
            throw new ArgumentException($"The MCP server's command must be an absolute path, not '{executable}'.", nameof(executable));
        }

        return new McpServerCommand(executable, [.. leadingArguments, Verb]);
    }

    /// <summary>Whether another command runs the same program with the same arguments.</summary>
    /// <param name="command">The other command's program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>True when both match exactly (ordinal).</returns>
    public bool Matches(string? command, IEnumerable<string> arguments) =>
        string.Equals(Command, command, StringComparison.Ordinal) && Arguments.SequenceEqual(arguments, StringComparer.Ordinal);

    /// <summary>The command line for display (not quoted).</summary>
    /// <returns>The program and its arguments separated by spaces.</returns>
    public override string ToString() => string.Join(' ', [Command, .. Arguments]);
}
