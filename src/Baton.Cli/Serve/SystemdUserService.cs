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
internal sealed class SystemdUserService : IUserService
{
    /// <summary>The unit's name.</summary>
    public const string UnitName = "baton.service";

    private static readonly TimeSpan SystemctlTimeout = TimeSpan.FromSeconds(15);

    /// <summary>What <see cref="Start"/> runs after writing the unit: reload, enable at login, (re)start now.</summary>
    private static readonly string[][] StartSteps = [["daemon-reload"], ["enable", UnitName], ["restart", UnitName]];

    /// <inheritdoc/>
    public string Name => $"the systemd user service {UnitName}";

    /// <inheritdoc/>
    public string DefinitionPath(string userHome)
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(userHome, ".config");
        return Path.Combine(config, "systemd", "user", UnitName);
    }

    /// <inheritdoc/>
    public bool Available() =>
        ExecutableSearch.Find("systemctl") is not null && Systemctl("show-environment").Succeeded;

    /// <summary>The unit's text: <c>ExecStart</c> runs <c>baton serve --web</c> (the page on the port kept in
    /// <c>config.json</c>) with the home given.</summary>
    /// <param name="baton">How to run this baton.</param>
    /// <param name="home">Baton's home, passed as <c>BATON_HOME</c>.</param>
    /// <returns>The unit file's text.</returns>
    public string Definition(HookCommand baton, BatonHome home)
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

    /// <inheritdoc/>
    public void Start(string definition)
    {
        foreach (var step in StartSteps)
        {
            if (Systemctl(step) is { Succeeded: false } failed)
            {
                throw new IOException($"systemctl --user {string.Join(' ', step)} failed: {failed.StandardError.Trim()}");
            }
        }
    }

    /// <inheritdoc/>
    public void Stop(string definition)
    {
        Systemctl("disable", "--now", UnitName);
        Systemctl("daemon-reload");
    }

    /// <summary>Runs <c>systemctl --user ARGS</c>.</summary>
    private static ProgramRun Systemctl(params string[] arguments) => ProgramRun.Run("systemctl", ["--user", .. arguments], SystemctlTimeout);

    /// <summary>A word for a systemd command line or assignment: double-quoted, with <c>\</c> and <c>"</c> escaped and
    /// <c>%</c> doubled (systemd's specifier sign).</summary>
    private static string Quote(string word) =>
        "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal) + "\"";
}
