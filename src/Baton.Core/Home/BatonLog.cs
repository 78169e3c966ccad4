using System.Globalization;

namespace Baton.Core.Home;

/// <summary>
/// Baton's own log (<c>$BATON_HOME/logs/baton.log</c>, 0600): one line per entry,
/// <c>2026-11-21T05:27:49.123Z [pid] area: message</c>. Rolled over to <c>baton.log.1</c> past 1 MiB. Writing never throws:
/// the log is where failures go, so a failure to log is dropped; so is an entry for a log, logs folder or home that is a
/// symbolic link (<see cref="PlantedLink"/>).
/// </summary>
public sealed class BatonLog
{
    private const long MaxBytes = 1024 * 1024;
    private readonly BatonHome _home;

    /// <summary>Creates a log in a Baton home.</summary>
    /// <param name="home">The home whose <see cref="BatonHome.LogPath"/> is written.</param>
    public BatonLog(BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        _home = home;
    }

    /// <summary>Appends one entry (newlines in the message are folded into spaces).</summary>
    /// <param name="area">What wrote it, for example <c>hook PostToolUse</c>.</param>
    /// <param name="message">The message.</param>
    public void Write(string area, string message)
    {
        try
        {
            var path = _home.LogPath;
            string[] own = [_home.Root, _home.LogsDirectory, path, path + ".1"];
            if (own.Any(p => PlantedLink.IsLink(p) || ForeignOwner.IsForeign(p)))
            {
                // A planted link, or a file another user owns, would make Baton append where someone else chose: write nothing.
                return;
            }

            BatonHome.CreatePrivateDirectory(_home.LogsDirectory);
            if (File.Exists(path) && new FileInfo(path).Length > MaxBytes)
            {
                File.Move(path, path + ".1", overwrite: true);
            }

            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{Environment.ProcessId}] {area}: {message.ReplaceLineEndings(" ")}\n");
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nowhere left to report to; the caller's own outcome (exit 0 for hooks) is unaffected.
        }
    }
}
