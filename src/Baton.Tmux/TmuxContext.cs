using System.Globalization;

namespace Baton.Tmux;

/// <summary>
/// What the <c>TMUX</c> variable says about the tmux client a process runs inside: tmux sets it in every pane to
/// <c>socket_path,server_pid,session_index</c>.
/// </summary>
/// <param name="SocketPath">The server's socket path.</param>
/// <param name="ServerPid">The tmux server's process id.</param>
/// <param name="SessionIndex">The internal index of the session the pane was started in (not its name).</param>
public sealed record TmuxContext(string SocketPath, int ServerPid, int SessionIndex)
{
    /// <summary>Reads a <c>TMUX</c> value.</summary>
    /// <param name="value">The variable's value; null or empty outside tmux.</param>
    /// <returns>The parts, or null when the value is absent or not in tmux's format.</returns>
    public static TmuxContext? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // The path comes first and is the only part that could hold a comma, so split from the right.
        var last = value.LastIndexOf(',');
        var middle = last > 0 ? value.LastIndexOf(',', last - 1) : -1;
        if (middle <= 0
            || !int.TryParse(value.AsSpan(middle + 1, last - middle - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(value.AsSpan(last + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        return new TmuxContext(value[..middle], pid, index);
    }
}
