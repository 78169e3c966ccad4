using System.Globalization;
using Baton.ClaudeCode.Tasks;
using Baton.Core.Coordination;
using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;

namespace Baton.Mcp;

/// <summary>
/// What the Baton MCP server knows about where it runs: Baton's home (the store), the Claude Code session it serves (the
/// actor of every call), that session's project folder and <c>claude</c> process, and how its housekeeping runs.
/// </summary>
public sealed record BatonMcpOptions
{
    /// <summary>The variable Claude Code sets for the MCP servers it starts: the session's <c>session_id</c>.</summary>
    public const string SessionIdVariable = "CLAUDE_CODE_SESSION_ID";

    /// <summary>The variable Claude Code sets for the MCP servers it starts: the project folder.</summary>
    public const string ProjectDirectoryVariable = "CLAUDE_PROJECT_DIR";

    /// <summary>The variable that sets how long a session may stay silent before housekeeping releases its work, in seconds.</summary>
    public const string HeartbeatLimitVariable = "BATON_HEARTBEAT_LIMIT_SECONDS";

    /// <summary>How often housekeeping sweeps abandoned work when not told otherwise.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(60);

    /// <summary>Baton's home: errors go to its log.</summary>
    public required BatonHome Home { get; init; }

    /// <summary>Opens the store the tools work on.</summary>
    public required IStoreFactory Stores { get; init; }

    /// <summary>The session this server serves (<c>CLAUDE_CODE_SESSION_ID</c>); null when run by a person.</summary>
    public string? SessionId { get; init; }

    /// <summary>The session's project folder (<c>CLAUDE_PROJECT_DIR</c>, else the working directory); null when unknown.</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>The <c>claude</c> process that started this server (its parent), recorded so a gone session is told by its process.</summary>
    public ProcessIdentity? ClaudeProcess { get; init; }

    /// <summary>Claude Code's folder, whose <c>tasks/</c> holds the native task lists <c>task_list</c> shows beside Baton's:
    /// <c>CLAUDE_CONFIG_DIR</c> of the session when set, else <c>~/.claude</c> of this process's user.</summary>
    public string ClaudeDirectory { get; init; } = ClaudeDirectoryOf(Environment.GetEnvironmentVariable);

    /// <summary>A session silent for longer counts as gone and housekeeping releases its locks and claims.</summary>
    public TimeSpan HeartbeatLimit { get; init; } = AbandonedWorkSweep.DefaultHeartbeatLimit;

    /// <summary>How often housekeeping sweeps abandoned work (it also sweeps once at start).</summary>
    public TimeSpan SweepInterval { get; init; } = DefaultSweepInterval;

    /// <summary>Whether the server signs its session on when it starts (see <see cref="SignOn"/>).</summary>
    public bool SignOnAtStart { get; init; } = true;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Judges whether a session's process is gone (for housekeeping and <c>list_sessions</c>).</summary>
    public ISessionLiveness Liveness { get; init; } = new ProcessLiveness();

    /// <summary>Reads the environment of the session's side of the server (the relay's, when the resident server serves
    /// it; this process's otherwise): used for desktop notifications (its <c>PATH</c> and desktop variables).</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Problems found in the environment (an unusable setting that fell back to its default), logged at start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Who every call acts as: <see cref="SessionId"/>, or <see cref="SessionRegistry.HumanActor"/> without one.</summary>
    public string Actor => SessionId ?? SessionRegistry.HumanActor;

    /// <summary>The options of a server started by Claude Code: read from this process's environment.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="stores">Opens the store.</param>
    /// <param name="workingDirectory">The working directory, used when <c>CLAUDE_PROJECT_DIR</c> is not set.</param>
    /// <returns>The options.</returns>
    public static BatonMcpOptions FromEnvironment(BatonHome home, IStoreFactory stores, string workingDirectory) =>
        FromVariables(home, stores, workingDirectory, Environment.GetEnvironmentVariable, Baton.ClaudeCode.Hooks.ClaudeProcess.OfCurrentHook);

    /// <summary>The options for given environment variables.</summary>
    /// <param name="home">Baton's home.</param>
    /// <param name="stores">Opens the store.</param>
    /// <param name="workingDirectory">The working directory, used when <c>CLAUDE_PROJECT_DIR</c> is not set.</param>
    /// <param name="variable">Reads an environment variable (null when unset).</param>
    /// <param name="claudeProcess">Finds the <c>claude</c> process above this one; asked only when a session id is set.</param>
    /// <returns>The options.</returns>
    public static BatonMcpOptions FromVariables(
        BatonHome home, IStoreFactory stores, string workingDirectory, Func<string, string?> variable, Func<ProcessIdentity?> claudeProcess)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(claudeProcess);
        var sessionId = variable(SessionIdVariable) is { Length: > 0 } id ? id.Trim() : null;
        var project = variable(ProjectDirectoryVariable) is { Length: > 0 } dir ? dir : workingDirectory;
        var warnings = new List<string>();
        var limit = AbandonedWorkSweep.DefaultHeartbeatLimit;
        if (variable(HeartbeatLimitVariable) is { Length: > 0 } text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1 && seconds <= 7 * 24 * 3600)
            {
                limit = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                warnings.Add($"{HeartbeatLimitVariable}='{text}' is not a number of seconds from 1 to 604800; using {limit.TotalSeconds:0} s.");
            }
        }

        return new BatonMcpOptions
        {
            Home = home,
            Stores = stores,
            Variable = variable,
            SessionId = sessionId,
            ProjectDirectory = string.IsNullOrEmpty(project) ? null : Path.GetFullPath(project),
            ClaudeProcess = sessionId is null ? null : claudeProcess(),
            HeartbeatLimit = limit,
            Warnings = warnings,
            ClaudeDirectory = ClaudeDirectoryOf(variable),
        };
    }

    private static string ClaudeDirectoryOf(Func<string, string?> variable) =>
        NativeTask.ClaudeDirectoryOf(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), variable("CLAUDE_CONFIG_DIR"));
}
