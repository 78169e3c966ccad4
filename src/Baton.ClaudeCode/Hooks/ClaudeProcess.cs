using Baton.Core.Sessions;
using Baton.Platform.Processes;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// Finds the <c>claude</c> process that runs a hook: the hook's parent (Claude Code starts hooks itself, see
/// docs/claude-code.md), or the parent's parent when a shell or <c>baton-relay</c> (which runs <c>baton hook</c> when
/// no server answers) stands between them.
/// </summary>
public static class ClaudeProcess
{
    private static readonly HashSet<string> Between = new(StringComparer.Ordinal) { "sh", "bash", "dash", "zsh", "fish", "ksh", "baton-relay" };

    /// <summary>Identifies the <c>claude</c> process above the current process.</summary>
    /// <returns>Its identity, or null when the parent cannot be read.</returns>
    public static ProcessIdentity? OfCurrentHook() =>
        ProcessTable.ParentOf(Environment.ProcessId) is { } parent ? Above(parent) : null;

    /// <summary>Identifies the <c>claude</c> process that started a hook process, from that hook's parent.</summary>
    /// <param name="parent">The hook process's parent pid: claude, or a shell or <c>baton-relay</c> claude started it through.</param>
    /// <returns>Its identity, or null when no such process runs: <paramref name="parent"/> is init (the hook was orphaned
    /// before it looked), or a shell or <c>baton-relay</c> that init adopted (the claude that started it has exited). Never
    /// the shell or relay itself, which would keep a hook that waits on claude's life waiting on its own.</returns>
    public static ProcessIdentity? Above(int parent)
    {
        if (parent <= 1)
        {
            return null;
        }

        if (ProcessTable.CommandName(parent) is { } name && Between.Contains(name))
        {
            if (ProcessTable.ParentOf(parent) is not { } grandparent || grandparent <= 1)
            {
                return null;
            }

            parent = grandparent;
        }

        return ProcessTable.Identify(parent);
    }
}
