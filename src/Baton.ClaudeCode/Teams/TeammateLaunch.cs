using Baton.Core.Sessions;
using Baton.Platform.Processes;

namespace Baton.ClaudeCode.Teams;

/// <summary>
/// Tells a teammate of an agent team from its claude command line. Claude Code 2.1.332 (with
/// <c>CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS=1</c>) starts each teammate as a claude process of its own, for example
/// <c>claude --agent-id alice@session-c8bb6339 --agent-name alice --team-name session-c8bb6339 --agent-color blue
/// --parent-session-id c8bb6339-… --permission-mode acceptEdits</c> in a new tmux pane; its hook input says nothing of
/// the team (see docs/claude-code.md, "Agent teams").
/// </summary>
public static class TeammateLaunch
{
    /// <summary>Reads the team of a claude process from its command line.</summary>
    /// <param name="pid">The claude process.</param>
    /// <returns>The team, or null when the process is not a teammate or its command line cannot be read.</returns>
    public static Teammate? Of(int pid) => ProcessTable.Arguments(pid) is { } arguments ? Parse(arguments) : null;

    /// <summary>Reads the team from claude arguments (<c>--team-name X</c> or <c>--team-name=X</c>, likewise
    /// <c>--agent-name</c> and <c>--parent-session-id</c>).</summary>
    /// <param name="arguments">The command line, the program first.</param>
    /// <returns>The team, or null without both a team name and an agent name that <see cref="SessionIdFormat.IsValid"/>
    /// accepts (a parent id it does not accept is left out).</returns>
    public static Teammate? Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? team = null, agent = null, parent = null;
        for (var i = 1; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                break;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : argument;
            string? Value() => equals > 0 ? argument[(equals + 1)..] : i + 1 < arguments.Count ? arguments[++i] : null;
            switch (name)
            {
                case "--team-name":
                    team = Value();
                    break;
                case "--agent-name":
                    agent = Value();
                    break;
                case "--parent-session-id":
                    parent = Value();
                    break;
            }
        }

        return SessionIdFormat.IsValid(team) && SessionIdFormat.IsValid(agent)
            ? new Teammate(team, agent, SessionIdFormat.IsValid(parent) ? parent : null)
            : null;
    }
}
