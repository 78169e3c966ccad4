using Baton.Core.Home;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Platform.Processes;
using Baton.Storage;

namespace Baton.Cli.CommandLine;

/// <summary>What a <c>baton</c> command takes from the world it runs in, gathered once so tests can give their own.</summary>
/// <param name="Home">Baton's home (<c>$BATON_HOME</c>).</param>
/// <param name="WorkingDirectory">The current directory, absolute.</param>
/// <param name="UserHome">The user's home folder (<c>$HOME</c>), where the user-scope Claude Code settings live.</param>
/// <param name="CurrentSessionId"><c>CLAUDE_CODE_SESSION_ID</c> when the command runs inside a Claude Code session, else null.</param>
/// <param name="Time">The clock (UTC).</param>
/// <param name="Liveness">Judges whether a session's process is gone.</param>
/// <param name="ClaudeConfigDirectory">Claude Code's <c>CLAUDE_CONFIG_DIR</c> when set, else null (<c>~/.claude</c>).</param>
internal sealed record CliEnvironment(
    BatonHome Home,
    string WorkingDirectory,
    string UserHome,
    string? CurrentSessionId,
    TimeProvider Time,
    ISessionLiveness Liveness,
    string? ClaudeConfigDirectory = null)
{
    /// <summary>The environment of this process.</summary>
    /// <returns>The environment.</returns>
    public static CliEnvironment FromProcess() => new(
        BatonHome.FromEnvironment(),
        Environment.CurrentDirectory,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable("CLAUDE_CODE_SESSION_ID") is { Length: > 0 } id ? id : null,
        TimeProvider.System,
        new ProcessLiveness(),
        Environment.GetEnvironmentVariable("CLAUDE_CONFIG_DIR") is { Length: > 0 } claude ? claude : null);

    /// <summary>Opens the store (<see cref="StoreSelection"/>: the one place that picks it).</summary>
    public IStoreFactory Stores => StoreSelection.For(Home, Time);

    /// <summary>Claude Code's folder (its native task lists are under <c>tasks/</c>): <see cref="ClaudeConfigDirectory"/>, else
    /// <c>~/.claude</c>.</summary>
    public string ClaudeDirectory => ClaudeCode.Tasks.NativeTask.ClaudeDirectoryOf(UserHome, ClaudeConfigDirectory);

    /// <summary>Who acts: the current session's id, or <see cref="SessionRegistry.HumanActor"/>.</summary>
    public string Actor => CurrentSessionId ?? SessionRegistry.HumanActor;
}
