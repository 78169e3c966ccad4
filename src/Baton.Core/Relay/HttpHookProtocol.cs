using Baton.Core.Home;

namespace Baton.Core.Relay;

/// <summary>
/// How Claude Code's HTTP hooks reach the resident server (Claude Code settings, see docs/claude-code.md, "Hooks",
/// <c>"type": "http"</c>): Claude Code POSTs the hook input JSON to <c>http://127.0.0.1:PORT/baton/hooks/&lt;Event&gt;</c>
/// with <c>Authorization: Bearer &lt;token&gt;</c> (<see cref="LoopbackEndpoint"/>) and one header per forwarded variable,
/// <c>X-Baton-Env-&lt;NAME&gt;</c> (underscores as hyphens), whose value Claude Code fills in from its own environment
/// (<c>"$NAME"</c> with the name in <c>allowedEnvVars</c>; an unset variable arrives empty). The server answers
/// <c>200</c> with the hook output JSON (<c>{}</c> for none), which Claude Code reads like a command hook's stdout.
/// </summary>
public static class HttpHookProtocol
{
    /// <summary>The path before the event name: <c>/baton/hooks/</c>.</summary>
    public const string PathPrefix = "/baton/hooks/";

    /// <summary>The prefix of a variable's header name: <c>X-Baton-Env-</c>.</summary>
    public const string VariableHeaderPrefix = "X-Baton-Env-";

    /// <summary>The variables an HTTP hook sends: the same as a relayed hook's (<see cref="RelayRequest.ForwardedVariables"/>).</summary>
    public static IReadOnlyList<string> Variables => RelayRequest.ForwardedVariables;

    /// <summary>The URL an HTTP hook for <paramref name="eventName"/> posts to.</summary>
    /// <param name="endpoint">The server's endpoint.</param>
    /// <param name="eventName">The Claude Code event, e.g. <c>PostToolUse</c>.</param>
    /// <returns>E.g. <c>http://127.0.0.1:27431/baton/hooks/PostToolUse</c>.</returns>
    public static string UrlFor(LoopbackEndpoint endpoint, string eventName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.BaseUrl + PathPrefix + eventName;
    }

    /// <summary>The header that carries a variable: <c>X-Baton-Env-</c> then the name with <c>_</c> as <c>-</c>.</summary>
    /// <param name="variable">A name from <see cref="Variables"/>, e.g. <c>TMUX_PANE</c>.</param>
    /// <returns>E.g. <c>X-Baton-Env-TMUX-PANE</c>.</returns>
    public static string HeaderFor(string variable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        return VariableHeaderPrefix + variable.Replace('_', '-');
    }

    /// <summary>The event a request path names, when it is an HTTP hook's path.</summary>
    /// <param name="path">The request path, e.g. <c>/baton/hooks/Stop</c>.</param>
    /// <returns>The event name (ASCII letters, upper-case first), or null for any other path.</returns>
    public static string? EventOf(string? path) =>
        path is not null && path.StartsWith(PathPrefix, StringComparison.Ordinal)
        && path[PathPrefix.Length..] is { Length: > 0 and <= 64 } name
        && char.IsAsciiLetterUpper(name[0]) && name.All(char.IsAsciiLetter)
            ? name
            : null;

    /// <summary>The forwarded variables an HTTP hook request carries.</summary>
    /// <param name="header">The request's value of a header name, or null when absent.</param>
    /// <returns>Name to value, for those present and not empty.</returns>
    public static IReadOnlyDictionary<string, string> VariablesFrom(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Variables)
        {
            if (header(HeaderFor(name)) is { Length: > 0 } value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }
}
