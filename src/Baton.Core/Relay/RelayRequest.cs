using System.Text.Json.Serialization;

namespace Baton.Core.Relay;

/// <summary>
/// One hook call, as <c>baton-relay</c> forwards it to the resident server (<c>baton serve</c>) over its Unix socket, and as
/// <c>baton hook</c> builds it for itself when it records directly: everything a hook handler may read of the process Claude
/// Code started, so that the server judges the call exactly as that process would. Sent as one JSON line
/// (<see cref="RelayProtocol"/>), snake_case:
/// <c>{"kind": "hook", "event": "PostToolUse", "option": null, "hook_start": 177000000000, "parent_pid": 4242, "variables": {"TMUX_PANE": "%3"}, "input_length": 912}</c>,
/// followed by <see cref="InputLength"/> bytes of the hook input JSON (Claude Code hook input, see docs/claude-code.md).
/// </summary>
public sealed record RelayRequest
{
    /// <summary>
    /// The environment variables a hook handler or the MCP server reads, and the only ones forwarded: the launch id
    /// <c>baton new</c> passes, tmux's <c>TMUX</c> and <c>TMUX_PANE</c>, Claude Code's <c>CLAUDE_CODE_ENTRYPOINT</c> (print
    /// mode), the wake hook's <c>BATON_WAKE_LIFETIME_SECONDS</c>, and for the MCP server the session
    /// (<c>CLAUDE_CODE_SESSION_ID</c>), its project (<c>CLAUDE_PROJECT_DIR</c>) and <c>BATON_HEARTBEAT_LIMIT_SECONDS</c>; Claude
    /// Code's native task list (<c>CLAUDE_CODE_TASK_LIST_ID</c>), recorded as the session's list however claude was started,
    /// and Claude Code's folder when moved (<c>CLAUDE_CONFIG_DIR</c>), where the MCP server reads native lists; and
    /// for desktop notifications the session's <c>PATH</c> and desktop variables
    /// (<c>DISPLAY</c>, <c>WAYLAND_DISPLAY</c>, <c>DBUS_SESSION_BUS_ADDRESS</c>, <c>XDG_RUNTIME_DIR</c>); and <see cref="DisableVariable"/>.
    /// </summary>
    public static IReadOnlyList<string> ForwardedVariables { get; } =
    [
        "BATON_LAUNCH_ID", "TMUX", "TMUX_PANE", "CLAUDE_CODE_ENTRYPOINT", "BATON_WAKE_LIFETIME_SECONDS",
        "CLAUDE_CODE_SESSION_ID", "CLAUDE_PROJECT_DIR", "BATON_HEARTBEAT_LIMIT_SECONDS", TaskListVariable, "CLAUDE_CONFIG_DIR",
        "PATH", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", DisableVariable,
    ];

    /// <summary><c>CLAUDE_CODE_TASK_LIST_ID</c>: the Claude Code native task list the session works (see docs/claude-code.md).</summary>
    public const string TaskListVariable = "CLAUDE_CODE_TASK_LIST_ID";

    /// <summary><c>BATON_DISABLE</c>: set to <c>1</c> in a session's environment, every Baton hook of that session does
    /// nothing (a relay or <c>baton hook</c> sees it itself; an HTTP hook forwards it, see <see cref="IsDisabled"/>).</summary>
    public const string DisableVariable = "BATON_DISABLE";

    /// <summary>The request kind of a hook call (the default): the server handles the hook and answers its output.</summary>
    public const string HookKind = "hook";

    /// <summary>The request kind that asks the server how it is (<see cref="EventName"/> is ignored); it answers a status JSON as stdout.</summary>
    public const string StatusKind = "status";

    /// <summary>
    /// The request kind that opens an MCP session (<see cref="EventName"/> is ignored): the server answers an empty
    /// <see cref="RelayResponse"/> line, then the connection carries the MCP stdio stream (newline-delimited JSON-RPC) both
    /// ways until either side closes it.
    /// </summary>
    public const string McpKind = "mcp";

    /// <summary>What is asked: <see cref="HookKind"/> (also when absent), <see cref="StatusKind"/> or <see cref="McpKind"/>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>The Claude Code hook event the hook was registered for, e.g. <c>PostToolUse</c>.</summary>
    [JsonPropertyName("event")]
    public required string EventName { get; init; }

    /// <summary>The registration's option after the event (e.g. <c>--wake</c>), or null.</summary>
    [JsonPropertyName("option")]
    public string? Option { get; init; }

    /// <summary>When the hook process started, in 10 ms units since the Unix epoch (the order key of its event).</summary>
    [JsonPropertyName("hook_start")]
    public long HookStart { get; init; }

    /// <summary>The hook process's parent: <c>claude</c>, or a shell between them; null when unknown.</summary>
    [JsonPropertyName("parent_pid")]
    public int? ParentPid { get; init; }

    /// <summary>The <see cref="ForwardedVariables"/> that are set and not empty in the hook process.</summary>
    [JsonPropertyName("variables")]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The relay's working directory (the MCP server uses it when <c>CLAUDE_PROJECT_DIR</c> is not set); null when not sent.</summary>
    [JsonPropertyName("cwd")]
    public string? WorkingDirectory { get; init; }

    /// <summary>The number of bytes of hook input that follow the request line.</summary>
    [JsonPropertyName("input_length")]
    public int InputLength { get; init; }

    /// <summary>The value of a forwarded variable, or null when it was not set (or is not forwarded).</summary>
    /// <param name="name">A name from <see cref="ForwardedVariables"/>.</param>
    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Whether the session turned Baton's hooks off (<see cref="DisableVariable"/> is <c>1</c>).</summary>
    public bool IsDisabled => Variable(DisableVariable) == "1";

    /// <summary>The call the current process is: its own start, its parent, the forwarded variables and its folder.</summary>
    /// <param name="eventName">The hook event (or the verb, for another kind).</param>
    /// <param name="hookStart">The current process's start time, 10 ms units since the Unix epoch (the platform's process table tells it).</param>
    /// <param name="parentPid">The current process's parent, or null when unknown.</param>
    /// <param name="option">The registration's option, or null.</param>
    /// <param name="kind">The request kind; null for a hook call.</param>
    /// <returns>The request, without input.</returns>
    public static RelayRequest ForCurrentProcess(string eventName, long hookStart, int? parentPid, string? option = null, string? kind = null) => new()
    {
        Kind = kind,
        EventName = eventName,
        Option = option,
        HookStart = hookStart,
        ParentPid = parentPid,
        Variables = VariablesOfCurrentProcess(),
        WorkingDirectory = Environment.CurrentDirectory,
    };

    /// <summary>The forwarded variables as the current process has them.</summary>
    /// <returns>Name to value, for those set and not empty.</returns>
    public static IReadOnlyDictionary<string, string> VariablesOfCurrentProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ForwardedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }
}
