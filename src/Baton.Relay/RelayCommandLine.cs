namespace Baton.Relay;

/// <summary>
/// The command line Claude Code runs the relay with: <c>baton-relay --baton &lt;baton command…&gt; hook &lt;Event&gt; [--wake]</c>
/// for a hook, <c>baton-relay --baton &lt;baton command…&gt; mcp</c> for the MCP server, where the baton command is the
/// absolute path of <c>baton</c> (or the dotnet host and <c>baton.dll</c>), used to do the work itself when no server answers
/// and to start one.
/// </summary>
/// <param name="Baton">The baton command: its program then leading arguments.</param>
/// <param name="EventName">The Claude Code hook event; <c>mcp</c> for the MCP server.</param>
/// <param name="Option">The registration's option, e.g. <c>--wake</c>, or null.</param>
internal sealed record RelayCommandLine(IReadOnlyList<string> Baton, string EventName, string? Option)
{
    /// <summary>The verb of the MCP server's command line.</summary>
    public const string McpVerb = "mcp";

    /// <summary>Whether this is the MCP server's command line rather than a hook's.</summary>
    public bool IsMcp => EventName == McpVerb && Option is null;

    /// <summary>Reads the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The parsed line, or null when it is not of the documented shape.</returns>
    public static RelayCommandLine? Parse(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--baton" && args[^1] == McpVerb)
        {
            return new RelayCommandLine(args[1..^1], McpVerb, null);
        }

        if (args.Length < 4 || args[0] != "--baton")
        {
            return null;
        }

        for (var verb = args.Length - 2; verb >= 2; verb--)
        {
            if (args[verb] == "hook" && (verb + 2 == args.Length || verb + 3 == args.Length))
            {
                return new RelayCommandLine(args[1..verb], args[verb + 1], verb + 2 < args.Length ? args[verb + 2] : null);
            }
        }

        return null;
    }

    /// <summary>The arguments of <c>baton hook</c> (or <c>baton mcp</c>) for this call, after the leading ones.</summary>
    public IEnumerable<string> BatonArguments() =>
        IsMcp ? [.. Baton.Skip(1), McpVerb]
        : Option is null ? [.. Baton.Skip(1), "hook", EventName] : [.. Baton.Skip(1), "hook", EventName, Option];
}
