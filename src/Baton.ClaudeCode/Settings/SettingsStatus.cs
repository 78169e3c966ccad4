namespace Baton.ClaudeCode.Settings;

/// <summary>Which of Baton's hooks a Claude Code settings file holds (see <see cref="SettingsInstaller.Status"/>).</summary>
/// <param name="SettingsPath">The settings file, as an absolute path.</param>
/// <param name="FileExists">Whether the file exists.</param>
/// <param name="Events">The event keys under <c>hooks</c> that hold a Baton hook object, in file order, each once.</param>
/// <param name="Commands">The distinct commands those hook objects call, in file order; paths as written in the file (HTTP hooks call none).</param>
public sealed record SettingsStatus(string SettingsPath, bool FileExists, IReadOnlyList<string> Events, IReadOnlyList<HookCommand> Commands)
{
    /// <summary>Whether any Baton hook is present.</summary>
    public bool Installed => Events.Count > 0;

    /// <summary>
    /// Whether Baton's hooks are present and all call <paramref name="command"/> (so they point at the
    /// current install). It does not check events or options; a dry-run
    /// <see cref="SettingsInstaller.Install"/> reporting no change does.
    /// </summary>
    /// <param name="command">The command the hooks should call, e.g. <see cref="HookCommand.ForCurrentProcess"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    public bool Calls(HookCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Installed && Commands.All(command.Equals);
    }
}
