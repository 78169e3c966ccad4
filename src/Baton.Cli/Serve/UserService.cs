using System.Text;
using Baton.ClaudeCode.Settings;
using Baton.Core.Home;
using Baton.Platform.Programs;

namespace Baton.Cli.Serve;

/// <summary>
/// The resident server, with its web page on the port kept in <c>config.json</c>, as a systemd user service (<c>baton.service</c> in <c>$XDG_CONFIG_HOME/systemd/user</c>, default
/// <c>~/.config/systemd/user</c>): started at login and restarted when it fails. Written only where a systemd user manager
/// answers (<c>systemctl --user</c>); elsewhere the server is started in the background, and hooks start it when it is not
/// running.
/// </summary>
internal static class UserService
{
    /// <summary>The unit's name.</summary>
    public const string UnitName = "baton.service";

    private static readonly TimeSpan SystemctlTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The unit file's path.</summary>
    /// <param name="userHome">The user's home folder.</param>
    public static string UnitPath(string userHome)
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(userHome, ".config");
        return Path.Combine(config, "systemd", "user", UnitName);
    }

    /// <summary>Whether a systemd user manager answers.</summary>
    public static bool Available() =>
        ExecutableSearch.Find("systemctl") is not null && Systemctl("show-environment").Succeeded;

    /// <summary>The unit's text: <c>ExecStart</c> runs <c>baton serve --web</c> (the page on the port kept in
    /// <c>config.json</c>) with the home given.</summary>
    /// <param name="baton">How to run this baton.</param>
    /// <param name="home">Baton's home, passed as <c>BATON_HOME</c>.</param>
    public static string Unit(HookCommand baton, BatonHome home)
    {
        ArgumentNullException.ThrowIfNull(baton);
        ArgumentNullException.ThrowIfNull(home);
        var start = string.Join(' ', new[] { baton.Executable }.Concat(baton.LeadingArguments).Append("serve").Append(ServeCommand.WebOption).Select(Quote));
        return new StringBuilder()
            .AppendLine("[Unit]")
            .AppendLine("Description=Baton resident server: answers Claude Code's hooks for Baton and serves its web page")
            .AppendLine()
            .AppendLine("[Service]")
            .AppendLine($"ExecStart={start}")
            .AppendLine($"Environment={Quote("BATON_HOME=" + home.Root)}")
            .AppendLine("Restart=on-failure")
            .AppendLine()
            .AppendLine("[Install]")
            .AppendLine("WantedBy=default.target")
            .ToString();
    }

    /// <summary>Runs <c>systemctl --user ARGS</c>.</summary>
    /// <param name="arguments">What follows <c>--user</c>.</param>
    /// <returns>How it ended.</returns>
    public static ProgramRun Systemctl(params string[] arguments) => ProgramRun.Run("systemctl", ["--user", .. arguments], SystemctlTimeout);

    /// <summary>A word for a systemd command line or assignment: double-quoted, with <c>\</c> and <c>"</c> escaped and
    /// <c>%</c> doubled (systemd's specifier sign).</summary>
    private static string Quote(string word) =>
        "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal) + "\"";
}
