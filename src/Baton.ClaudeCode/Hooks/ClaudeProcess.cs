using Baton.Core.Machine;
using Baton.Core.Sessions;

namespace Baton.ClaudeCode.Hooks;

/// <summary>
/// Finds the <c>claude</c> process that runs a hook: the hook's parent (Claude Code starts hooks itself, see
/// shared/docs/claude-code.md), or the parent's parent when a shell stands between them.
/// </summary>
public static class ClaudeProcess
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "dash", "zsh", "fish", "ksh" };

    /// <summary>Identifies the <c>claude</c> process above the current process.</summary>
    /// <returns>Its identity, or null when the parent cannot be read.</returns>
    public static ProcessIdentity? OfCurrentHook()
    {
        if (ProcessTable.ParentOf(Environment.ProcessId) is not { } parent)
        {
            return null;
        }

        if (ProcessTable.CommandName(parent) is { } name && Shells.Contains(name) && ProcessTable.ParentOf(parent) is { } grandparent and > 1)
        {
            parent = grandparent;
        }

        return ProcessTable.Identify(parent);
    }
}
