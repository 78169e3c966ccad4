using System.Globalization;
using Baton.Core.Sessions;
using Baton.Platform.Processes;

namespace Baton.Bench;

/// <summary>
/// The wake hooks a claude process runs: its children whose command line ends in <c>hook Stop --wake</c> (Claude Code
/// starts one at every Stop, as a direct child since the hook is registered with <c>args</c>). Read from <c>/proc</c>, as
/// <c>pgrep -P CLAUDE -f "hook Stop --wake"</c> would.
/// </summary>
internal static class WakeHooks
{
    /// <summary>The wake hooks running now under a claude process.</summary>
    /// <param name="claudePid">The session's claude process.</param>
    /// <returns>Their identities (pid and start time, so a reused pid is not taken for an old hook).</returns>
    public static IReadOnlyList<ProcessIdentity> Of(int claudePid)
    {
        var found = new List<ProcessIdentity>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessTable.ParentOf(pid) == claudePid
                && ProcessTable.Arguments(pid) is [.., "hook", "Stop", "--wake"]
                && ProcessTable.Identify(pid) is { } identity)
            {
                found.Add(identity);
            }
        }

        return found;
    }
}
