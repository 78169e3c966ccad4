namespace Baton.ClaudeCode.Settings;

/// <summary>What <see cref="SettingsInstaller.Install"/> or <see cref="SettingsInstaller.Uninstall"/> did, or on a dry run would do, to one settings file.</summary>
/// <param name="SettingsPath">The settings file, as an absolute path.</param>
/// <param name="Changed">Whether the content differs semantically from before (on a dry run: would differ). When false nothing was written.</param>
/// <param name="BackupPath">The backup of the previous content written before the change; null on a dry run, when nothing changed, or when the file did not exist.</param>
/// <param name="Json">
/// The file's text after the operation (on a dry run: what it would be). When nothing changed it is
/// the existing text, byte for byte; for a missing file that stays missing it is <c>{}</c>.
/// </param>
public sealed record SettingsChange(string SettingsPath, bool Changed, string? BackupPath, string Json)
{
    /// <summary>Whether uninstall deleted the file (on a dry run: would delete it): Baton's install had created it and nothing
    /// but Baton's hooks was in it. <see cref="Json"/> is then empty.</summary>
    public bool Deleted { get; init; }
}
